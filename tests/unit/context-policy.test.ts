import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  BetaContentBlockParam,
  BetaImageBlockParam,
  BetaMessageParam,
  BetaToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import { computerTool } from '../../background/computer-tool.ts';
import {
  cachedSystem,
  contextOptions,
  estimateTokens,
  prepareMessages,
  screenshotRemovedText,
  type ContextOptions,
} from '../../background/context-policy.ts';
import { referencePolicy } from '../../scripts/reference-policy.ts';
import { modelProfile, type ModelProfile } from '../../extension/models.ts';
import { checkRequest } from '../support/fake-anthropic/request.ts';
import { promptElements } from '../support/fake-anthropic/tokens.ts';

/**
 * The start of a PNG (signature and IHDR) with a given size, plus a few bytes that
 * make each one different. Enough for the policy, which reads only the header, and
 * for the fake API's checks, which do the same.
 */
function pngHeader(width: number, height: number, salt: number): string {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 2, 0, 0, 0], 16);
  const tail = Buffer.alloc(8);
  tail.writeUInt32BE(salt, 0);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ihdr,
    tail,
  ]).toString('base64');
}

function image(salt: number): BetaImageBlockParam {
  return {
    type: 'image',
    source: { type: 'base64', media_type: 'image/png', data: pngHeader(1280, 800, salt) },
  };
}

/** The history the loop keeps: the task turn, then per step Claude's reply and the tool result. */
function history(
  steps: number,
  resultText = (k: number) => `Clicked button ${k}.`,
): BetaMessageParam[] {
  const h: BetaMessageParam[] = [
    { role: 'user', content: [{ type: 'text', text: '<task>\nDo it\n</task>' }, image(0)] },
  ];
  for (let k = 1; k <= steps; k++) addStep(h, k, resultText(k));
  return h;
}

function addStep(h: BetaMessageParam[], k: number, text: string): void {
  h.push({
    role: 'assistant',
    content: [
      { type: 'text', text: `Step ${k}.`, citations: null },
      {
        type: 'tool_use',
        id: `toolu_${k}`,
        name: 'computer',
        input: { action: 'left_click', coordinate: [k, k] },
      },
    ],
  });
  h.push({ role: 'user', content: [toolResult(`toolu_${k}`, [{ type: 'text', text }, image(k)])] });
}

function toolResult(
  id: string,
  content: Exclude<BetaToolResultBlockParam['content'], string | undefined>,
): BetaToolResultBlockParam {
  return { type: 'tool_result', tool_use_id: id, content };
}

const profile = modelProfile('claude-sonnet-4-5');
const tools = [computerTool(profile.toolType, { width: 1280, height: 800 }, profile.zoom)];
const system = 'You operate a browser tab.';
const maxTokens = 4096;
const options = contextOptions(profile, { system, tools, maxTokens });

type Flat = { json: string; breakpoint: boolean }[];

/** The request's message blocks in cache order, each serialized without its cache_control. */
function flatten(messages: readonly BetaMessageParam[]): Flat {
  return messages.flatMap((m) =>
    (m.content as BetaContentBlockParam[]).map((block) => {
      const { cache_control, ...rest } = block as BetaContentBlockParam & {
        cache_control?: unknown;
      };
      return { json: JSON.stringify({ role: m.role, ...rest }), breakpoint: cache_control != null };
    }),
  );
}

const breakpoints = (f: Flat): number[] => f.flatMap((b, i) => (b.breakpoint ? [i] : []));
const prefix = (f: Flat, end: number): string =>
  JSON.stringify(f.slice(0, end + 1).map((b) => b.json));

function images(messages: readonly BetaMessageParam[]): { kept: number; removed: number } {
  let kept = 0;
  let removed = 0;
  const visit = (b: { type: string; text?: string }): void => {
    if (b.type === 'image') kept++;
    if (b.type === 'text' && b.text === screenshotRemovedText) removed++;
  };
  for (const m of messages) {
    for (const b of m.content as BetaContentBlockParam[]) {
      visit(b);
      if (b.type === 'tool_result' && Array.isArray(b.content)) b.content.forEach(visit);
    }
  }
  return { kept, removed };
}

/** The fake API's own checks: block shapes, tool_use/tool_result pairing, at most 4 breakpoints. */
function checkWithFake(p: ModelProfile, messages: BetaMessageParam[]) {
  const body = {
    model: p.id,
    max_tokens: maxTokens,
    system: cachedSystem(system),
    tools,
    messages,
  };
  const checked = checkRequest(JSON.parse(JSON.stringify(body)), new Set([p.betaHeader]));
  return { checked, body };
}

describe('prepareMessages', () => {
  test('leaves the history as it was', () => {
    const h = history(40);
    h[2] = {
      ...h[2],
      content: [
        { ...(h[2]?.content as BetaContentBlockParam[])[0], cache_control: { type: 'ephemeral' } },
      ],
    } as BetaMessageParam;
    const before = structuredClone(h);
    const out = prepareMessages(h, options);
    assert.deepEqual(h, before);
    assert.notEqual(out, h);
    referencePolicy(h);
    assert.deepEqual(h, before);
  });

  test('each request reads the previous one’s cache: its prefix up to a shared breakpoint is byte-identical', () => {
    const h = history(0);
    let previous: Flat | undefined;
    let previousImages = 0;
    const partial: number[] = [];
    for (let step = 1; step <= 200; step++) {
      if (step > 1) addStep(h, step - 1, `Clicked button ${step - 1}.`);
      const request = flatten(prepareMessages(h, options));
      const { removed } = images(prepareMessages(h, options));
      if (previous) {
        const prev = previous;
        const shared = breakpoints(request).filter(
          (i) => prev[i]?.breakpoint === true && prefix(request, i) === prefix(prev, i),
        );
        assert.ok(
          shared.length > 0,
          `step ${step}: no breakpoint shared with the previous request`,
        );
        // Unless a chunk of screenshots went this step, the whole previous request is the prefix.
        if (removed === previousImages)
          assert.equal(Math.max(...shared), prev.length - 1, `step ${step}`);
        else partial.push(step);
      }
      previous = request;
      previousImages = removed;
    }
    // 1 + 199 screenshots; 2 kept, 10 at a time: chunks go at 12, 22, …, 192 screenshots.
    assert.deepEqual(
      partial,
      Array.from({ length: 19 }, (_, i) => 12 + 10 * i),
    );
  });

  test('removes old screenshots a chunk at a time and always keeps the newest', () => {
    const { keepImages, pruneChunk } = options;
    for (let steps = 0; steps < 200; steps++) {
      const total = steps + 1;
      const out = prepareMessages(history(steps), options);
      const { kept, removed } = images(out);
      assert.equal(kept + removed, total);
      assert.equal(removed % pruneChunk, 0, `${total} screenshots: ${removed} removed`);
      assert.ok(
        kept >= Math.min(total, keepImages) && kept < keepImages + pruneChunk,
        `${total}: ${kept} kept`,
      );
      const last = (out.at(-1)?.content as BetaContentBlockParam[])[0] as
        BetaToolResultBlockParam | undefined;
      if (steps > 0) assert.equal((last?.content as BetaContentBlockParam[])[1]?.type, 'image');
    }
  });

  test('requests pass the API’s checks: valid tool results, at most 4 breakpoints with the system block', () => {
    const h = history(0);
    for (let step = 1; step <= 200; step++) {
      if (step > 1) addStep(h, step - 1, `Clicked button ${step - 1}.`);
      const messages = prepareMessages(h, options);
      const { checked } = checkWithFake(profile, messages);
      assert.ok(
        checked.walk.breakpoints <= 4,
        `step ${step}: ${checked.walk.breakpoints} breakpoints`,
      );
      for (const m of messages.slice(1)) {
        for (const b of m.content as BetaContentBlockParam[]) {
          if (b.type !== 'tool_result') continue;
          assert.ok(Array.isArray(b.content) && b.content.length > 0);
          for (const item of b.content) assert.ok(item.type === 'text' || item.type === 'image');
        }
      }
    }
  });

  test('never lets a 200-step run outgrow the context window', () => {
    // A small window and long tool results, so images and then whole turns must go.
    const small: ModelProfile = { ...profile, contextWindow: 40_000 };
    const o = contextOptions(small, { system, tools, maxTokens });
    const h = history(0);
    let previous: Flat | undefined;
    let reshaped = 0;
    for (let step = 1; step <= 200; step++) {
      if (step > 1) addStep(h, step - 1, `Page text: ${'lorem ipsum '.repeat(100)}`);
      const messages = prepareMessages(h, o);
      assert.ok(estimateTokens(messages, o.maxImageTokens) <= o.maxMessageTokens, `step ${step}`);
      // Counted independently, the way the fake API counts a prompt (tools and system included).
      const { checked, body } = checkWithFake(small, messages);
      const prompt = promptElements(JSON.parse(JSON.stringify(body)), checked.walk, null).reduce(
        (n, e) => n + e.tokens,
        0,
      );
      assert.ok(prompt + maxTokens <= small.contextWindow, `step ${step}: ${prompt} tokens`);
      // The newest turn is always there in full.
      assert.deepEqual(
        flatten(messages.slice(-1)).map((b) => b.json),
        flatten(h.slice(-1)).map((b) => b.json),
      );
      const request = flatten(messages);
      const extended =
        previous && prefix(request, previous.length - 1) === prefix(previous, previous.length - 1);
      if (previous && !extended) reshaped++;
      previous = request;
      if (step === 200) {
        const firstTurn = (messages[0]?.content as BetaContentBlockParam[]).at(-1);
        assert.match(firstTurn?.type === 'text' ? firstTurn.text : '', /earlier steps removed/);
      }
    }
    // Trimming goes a chunk at a time: 19 chunks of screenshots and a turn chunk every
    // ~10 steps once the text alone is too long, so most requests extend the previous one.
    assert.ok(reshaped <= 40, `${reshaped} of 199 requests did not extend the previous one`);
  });

  test('removes several images in one tool result oldest first, and never marks thinking blocks', () => {
    const h = history(30);
    const zoomed: BetaMessageParam = {
      role: 'user',
      content: [toolResult('toolu_31', [image(900), image(901)])],
    };
    h.push(
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Zoom in.', signature: 'sig' },
          { type: 'tool_use', id: 'toolu_31', name: 'computer', input: { action: 'zoom' } },
        ],
      },
      zoomed,
    );
    const out = prepareMessages(h, { ...options, keepImages: 1, pruneChunk: 1 });
    const last = (out.at(-1)?.content as BetaContentBlockParam[])[0] as BetaToolResultBlockParam;
    assert.deepEqual(
      (last.content as BetaContentBlockParam[]).map((b) => b.type),
      ['text', 'image'],
    );
    for (const m of out) {
      for (const b of m.content as BetaContentBlockParam[]) {
        if (b.type === 'thinking') assert.equal('cache_control' in b, false);
      }
    }
  });

  test('a task given as a string works the same', () => {
    const h = history(3);
    h[0] = { role: 'user', content: 'Do it' };
    const out = prepareMessages(h, options);
    assert.deepEqual(out[0]?.content, [{ type: 'text', text: 'Do it' }]);
    checkWithFake(profile, out);
  });
});

describe('referencePolicy (the computer-use demo’s)', () => {
  test('keeps every screenshot and marks the last block of the three newest user turns', () => {
    const h = history(30);
    const out = referencePolicy(h);
    assert.deepEqual(images(out), { kept: 31, removed: 0 });
    const f = flatten(out);
    // Each step adds three blocks: Claude's text, its tool_use, the tool_result.
    assert.deepEqual(breakpoints(f), [f.length - 7, f.length - 4, f.length - 1]);
    checkWithFake(profile, out);
  });
});

describe('contextOptions', () => {
  test('leaves room for max_tokens, system and tools, and bounds an unreadable image by the model’s limit', () => {
    const o: ContextOptions = contextOptions(profile, { system, tools, maxTokens });
    assert.ok(o.maxMessageTokens < profile.contextWindow - maxTokens);
    assert.ok(o.maxMessageTokens > profile.contextWindow / 2);
    assert.ok(o.maxImageTokens >= 1568, 'at least the standard image budget (vision docs)');
    assert.equal(
      estimateTokens([{ role: 'user', content: [image(1)] }], o.maxImageTokens),
      4 + Math.ceil((1280 * 800) / 750),
    );
  });

  test('cachedSystem puts one breakpoint on the system prompt', () => {
    assert.deepEqual(cachedSystem('sys'), [
      { type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } },
    ]);
  });
});
