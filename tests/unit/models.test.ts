import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fitImage } from '../../extension/geometry.ts';
import {
  defaultModelId,
  modelProfile,
  modelProfiles,
  toolsetOnlyModelIds,
} from '../../extension/models.ts';

// https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool#earlier-tool-versions
const expectedTool: Record<string, 'computer_20251124' | 'computer_20250124'> = {
  'claude-fable-5-1': 'computer_20251124',
  'claude-mythos-5-1': 'computer_20251124',
  'claude-fable-5': 'computer_20251124',
  'claude-mythos-5': 'computer_20251124',
  'claude-opus-5': 'computer_20251124',
  'claude-sonnet-5': 'computer_20251124',
  'claude-opus-4-8': 'computer_20251124',
  'claude-opus-4-7': 'computer_20251124',
  'claude-opus-4-6': 'computer_20251124',
  'claude-sonnet-4-6': 'computer_20251124',
  'claude-opus-4-5': 'computer_20251124',
  'claude-opus-4-5-20251101': 'computer_20251124',
  'claude-sonnet-4-5': 'computer_20250124',
  'claude-sonnet-4-5-20250929': 'computer_20250124',
  'claude-haiku-4-5': 'computer_20250124',
  'claude-haiku-4-5-20251001': 'computer_20250124',
};

const betaFor = {
  computer_20251124: 'computer-use-2025-11-24',
  computer_20250124: 'computer-use-2025-01-24',
} as const;

// build-with-claude/vision#evaluate-image-size: long edge and visual-token budget.
const visionTokenBudget: Record<number, number> = { 1568: 1568, 2576: 4784 };
const highResIds = ['claude-opus-4-7', 'claude-opus-4-8', 'claude-fable-5', 'claude-mythos-5'];

void test('every model maps to the tool version and beta header the docs give it', () => {
  assert.deepEqual(modelProfiles.map((p) => p.id).sort(), Object.keys(expectedTool).sort());
  for (const p of modelProfiles) {
    assert.equal(p.toolType, expectedTool[p.id], p.id);
    assert.equal(p.betaHeader, betaFor[p.toolType], p.id);
    assert.equal(p.zoom, p.toolType === 'computer_20251124', `${p.id} zoom`);
  }
});

void test('model ids are unique and dated snapshots share their alias’s profile', () => {
  assert.equal(new Set(modelProfiles.map((p) => p.id)).size, modelProfiles.length);
  for (const [alias, dated] of [
    ['claude-opus-4-5', 'claude-opus-4-5-20251101'],
    ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'],
    ['claude-haiku-4-5', 'claude-haiku-4-5-20251001'],
  ] as const) {
    const specs = (id: string) => ({ ...modelProfile(id), id: '', label: '' });
    assert.deepEqual(specs(alias), specs(dated), dated);
  }
});

void test('every model in the SDK’s Model type is covered, refused as toolset-only, or named as undocumented', () => {
  const source = readFileSync(
    new URL(
      '../../node_modules/@anthropic-ai/sdk/src/resources/messages/messages.ts',
      import.meta.url,
    ),
    'utf8',
  );
  const union = /export type Model =([^;]+);/.exec(source)?.[1] ?? '';
  const ids = [...union.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  assert.ok(ids.length > 10, 'found the Model union');
  // The docs list no tool version for Claude Mythos Preview, so it falls back.
  const undocumented = ['claude-mythos-preview'];
  const known = new Set([...Object.keys(expectedTool), ...toolsetOnlyModelIds, ...undocumented]);
  assert.deepEqual(
    ids.filter((id) => id !== undefined && !known.has(id)),
    [],
  );
  for (const id of toolsetOnlyModelIds) {
    assert.ok(!modelProfiles.some((p) => p.id === id), `${id} must not be offered`);
  }
});

void test('the default model is a Sonnet in the table on computer_20251124', () => {
  const p = modelProfiles.find((m) => m.id === defaultModelId);
  assert.ok(p, defaultModelId);
  assert.match(p.label, /Sonnet/);
  assert.equal(p.toolType, 'computer_20251124');
  assert.equal(p.betaHeader, 'computer-use-2025-11-24');
});

void test('an unknown model gets the safest settings under its own id', () => {
  const p = modelProfile('claude-future-9');
  assert.equal(p.id, 'claude-future-9');
  assert.equal(p.label, 'claude-future-9');
  assert.equal(p.toolType, 'computer_20250124');
  assert.equal(p.betaHeader, 'computer-use-2025-01-24');
  assert.equal(p.zoom, false);
  assert.deepEqual(p.image, { maxLongEdge: 1568, maxPixels: 1_150_000 });
  assert.equal(p.thinking, undefined);
  for (const m of modelProfiles) {
    assert.ok(p.pricePerMTok.input >= m.pricePerMTok.input, 'never understates cost');
    assert.ok(p.maxOutputTokens <= m.maxOutputTokens);
    assert.ok(p.contextWindow <= m.contextWindow);
  }
});

void test('only the models the vision docs name get the high-resolution limit', () => {
  for (const p of modelProfiles) {
    const want = highResIds.includes(p.id) ? 2576 : 1568;
    assert.equal(p.image.maxLongEdge, want, p.id);
  }
});

void test('every size fitImage can give stays inside the model’s visual-token budget', () => {
  const limits = [...new Set(modelProfiles.map((p) => p.image))];
  for (const limit of limits) {
    const budget = visionTokenBudget[limit.maxLongEdge];
    assert.ok(budget, `a token budget for ${limit.maxLongEdge}`);
    for (let w = 200; w <= 8000; w += 37) {
      for (const h of [w / 4, w / 2, (w * 9) / 16, (w * 10) / 16, (w * 3) / 4, w, w * 2, w * 4]) {
        const size = fitImage({ width: w, height: Math.round(h) }, limit);
        const cols = Math.ceil(size.width / 28);
        const rows = Math.ceil(size.height / 28);
        assert.ok(
          cols * 28 <= limit.maxLongEdge && rows * 28 <= limit.maxLongEdge,
          `${w}x${h} edge`,
        );
        assert.ok(
          cols * rows <= budget,
          `${w}x${h} → ${size.width}x${size.height}: ${cols * rows}`,
        );
      }
    }
  }
});

void test('cache prices follow the docs’ multipliers', () => {
  for (const p of modelProfiles) {
    const { input, cacheWrite5m, cacheRead } = p.pricePerMTok;
    assert.equal(cacheWrite5m, input * 1.25, p.id);
    const read = ['claude-fable-5-1', 'claude-mythos-5-1'].includes(p.id) ? 0.025 : 0.1;
    assert.ok(Math.abs(cacheRead - input * read) < 1e-9, p.id);
  }
});

void test('thinking follows the adaptive thinking docs', () => {
  assert.deepEqual(modelProfile('claude-fable-5').thinking, {
    mode: 'adaptive',
    byDefault: 'on',
    canDisable: false,
  });
  assert.equal(modelProfile('claude-sonnet-5').thinking?.byDefault, 'on');
  assert.equal(modelProfile('claude-opus-4-7').thinking?.byDefault, 'off');
  assert.equal(modelProfile('claude-sonnet-4-6').thinking?.mode, 'adaptive');
  assert.equal(modelProfile('claude-haiku-4-5').thinking?.mode, 'extended');
  assert.equal(modelProfile('claude-opus-4-5').thinking?.mode, 'extended');
});

void test('context, output and cache minimums of a few models', () => {
  assert.equal(modelProfile('claude-haiku-4-5').contextWindow, 200_000);
  assert.equal(modelProfile('claude-haiku-4-5').maxOutputTokens, 64_000);
  assert.equal(modelProfile('claude-haiku-4-5').minCacheableTokens, 4096);
  assert.equal(modelProfile('claude-sonnet-5').contextWindow, 1_000_000);
  assert.equal(modelProfile('claude-sonnet-5').minCacheableTokens, 1024);
  assert.equal(modelProfile('claude-opus-5').minCacheableTokens, 512);
});
