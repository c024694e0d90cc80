/**
 * Cost benchmark: a scripted 200-step computer-use run against the fake Messages
 * API (tests/support/fake-anthropic, which prices prompt caching like the real
 * one), through the real SDK and model client, once with tabpilot's context
 * policy and once with the computer-use demo's (scripts/reference-policy.ts:
 * every screenshot kept, breakpoints on the last three user turns). Each step
 * answers Claude's click with a fresh, different PNG screenshot at the size the
 * extension would send.
 *
 *   node --import tsx scripts/bench-cost.ts      prints a table
 *
 * "Per step at k" is the k-th request alone. Input tokens are the whole prompt
 * the API processed: uncached input + cache writes + cache reads.
 */
import type {
  BetaContentBlockParam,
  BetaImageBlockParam,
  BetaMessageParam,
  BetaToolResultBlockParam,
  BetaToolUnion,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import { PNG } from 'pngjs';
import { computerTool } from '../background/computer-tool.ts';
import { cachedSystem, contextOptions, prepareMessages } from '../background/context-policy.ts';
import { referencePolicy } from './reference-policy.ts';
import { anthropicModelClient } from '../background/model-client.ts';
import { systemPrompt } from '../background/system-prompt.ts';
import { costUsd, formatUsd } from '../extension/cost.ts';
import { fitImage, type Size } from '../extension/geometry.ts';
import { defaultModelId, modelProfile, type ModelProfile } from '../extension/models.ts';
import type { Usage } from '../extension/run.ts';
import { startFakeAnthropic } from '../tests/support/fake-anthropic/index.ts';

const steps = 200;
const checkpoints = [10, 50, 200] as const;
/** A laptop tab's viewport, scaled as the extension scales captures. */
const capture: Size = { width: 1280, height: 800 };
/** What the model client sends as max_tokens. */
const maxTokensOf = (p: ModelProfile): number => Math.min(p.maxOutputTokens, 4096);

type Policy = (history: readonly BetaMessageParam[]) => BetaMessageParam[];

interface Setup {
  readonly profile: ModelProfile;
  readonly size: Size;
  readonly system: string;
  readonly tools: BetaToolUnion[];
  /** Base64 PNGs, one a step. */
  readonly screenshots: readonly string[];
}

interface StepRecord {
  readonly usage: Usage;
  /** Whole prompt: uncached + cache write + cache read. */
  readonly inputTokens: number;
}

export async function benchCost(): Promise<Record<string, number | null>> {
  const profile = modelProfile(defaultModelId);
  const size = fitImage(capture, profile.image);
  const screenshots = Array.from({ length: steps }, (_, i) => screenshot(size, i));
  const system = systemPrompt(new Date(Date.UTC(2026, 0, 1)), 'Mozilla/5.0 (bench)');
  const tools = [computerTool(profile.toolType, size, profile.zoom)];
  const options = contextOptions(profile, { system, tools, maxTokens: maxTokensOf(profile) });

  const setup: Setup = { profile, size, system, tools, screenshots };
  const ours = await run(setup, (h) => prepareMessages(h, options));
  const reference = await run(setup, referencePolicy);

  // The fake does not refuse long prompts; the API does once prompt + max_tokens passes the window.
  const rejectedFrom = (records: StepRecord[], window: number): number | null => {
    const i = records.findIndex((r) => r.inputTokens + maxTokensOf(profile) > window);
    return i < 0 ? null : i + 1;
  };
  const referenceRejected = rejectedFrom(reference, profile.contextWindow);
  const result: Record<string, number | null> = {};
  for (const k of checkpoints) {
    const o = ours[k - 1];
    const r = reference[k - 1];
    const refOk = referenceRejected === null || k < referenceRejected;
    result[`costPerStepUsdAt${k}`] = o ? costUsd(o.usage, profile) : null;
    result[`referenceCostPerStepUsdAt${k}`] = r && refOk ? costUsd(r.usage, profile) : null;
    result[`inputTokensPerStepAt${k}`] = o ? o.inputTokens : null;
    result[`referenceInputTokensPerStepAt${k}`] = r && refOk ? r.inputTokens : null;
  }
  const ourCosts = ours.map((r) => costUsd(r.usage, profile));
  result['costPerStepUsdMax'] = Math.max(...ourCosts);
  result['costPerStepUsdMaxAtStep'] = ourCosts.indexOf(Math.max(...ourCosts)) + 1;
  result['runCostUsd'] = ourCosts.reduce((a, b) => a + b, 0);
  result['referenceRunCostUsd'] = reference.reduce((a, r) => a + costUsd(r.usage, profile), 0);
  result['maxInputTokensPerStep'] = Math.max(...ours.map((r) => r.inputTokens));
  result['referenceFirstRejectedStep'] = referenceRejected;
  // The same run on a model with a 200K window (Haiku 4.5, Sonnet 4.5, Opus 4.5).
  result['referenceFirstRejectedStepWith200kWindow'] = rejectedFrom(reference, 200_000);
  return result;
}

async function run(setup: Setup, policy: Policy): Promise<StepRecord[]> {
  const { profile, size, tools, screenshots } = setup;
  let turn = 0;
  const fake = await startFakeAnthropic({
    policy: () => {
      turn++;
      const x = 40 + ((turn * 97) % (size.width - 80));
      const y = 40 + ((turn * 61) % (size.height - 80));
      return {
        text: `Step ${turn}: clicking the next control.`,
        toolUses: [{ name: 'computer', input: { action: 'left_click', coordinate: [x, y] } }],
      };
    },
  });
  try {
    const model = anthropicModelClient({
      apiKey: 'sk-ant-test-key',
      baseUrl: fake.url,
      profile,
    });
    const system = cachedSystem(setup.system);
    const history: BetaMessageParam[] = [
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: '<task>\nFill in the survey on this page, one question per screen.\n</task>',
          },
          image(screenshots[0] ?? ''),
        ],
      },
    ];
    const records: StepRecord[] = [];
    const signal = new AbortController().signal;
    for (let step = 1; step <= steps; step++) {
      const reply = await model.next({ system, messages: policy(history), tools }, { signal });
      const u = reply.usage;
      const usage: Usage = {
        inputTokens: u.input_tokens,
        outputTokens: u.output_tokens,
        cacheCreationInputTokens: u.cache_creation_input_tokens ?? 0,
        cacheReadInputTokens: u.cache_read_input_tokens ?? 0,
      };
      records.push({
        usage,
        inputTokens:
          usage.inputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens,
      });
      history.push({ role: 'assistant', content: reply.content as BetaContentBlockParam[] });
      const use = reply.content.find((b) => b.type === 'tool_use');
      if (!use) throw new Error(`step ${step}: the scripted reply has no tool call`);
      const result: BetaToolResultBlockParam = {
        type: 'tool_result',
        tool_use_id: use.id,
        content: [
          { type: 'text', text: `Clicked: button "Next" (question ${step + 1} of ${steps + 1}).` },
          image(screenshots[step] ?? screenshots[0] ?? ''),
        ],
      };
      history.push({ role: 'user', content: [result] });
    }
    return records;
  } finally {
    await fake.close();
  }
}

function image(base64: string): BetaImageBlockParam {
  return { type: 'image', source: { type: 'base64', media_type: 'image/png', data: base64 } };
}

/**
 * A page-like PNG that differs every step: a light page, a header bar, and a
 * block of "text lines" whose lengths and position depend on the step. Flat
 * colours keep it small (about 10 KB) and quick to encode; what the API bills is
 * its size in pixels, not bytes.
 */
function screenshot(size: Size, step: number): string {
  const { width, height } = size;
  // RGB in and out, one fixed row filter: pngjs then skips its slowest work.
  const data = Buffer.alloc(width * height * 3, 250);
  const fill = (x0: number, y0: number, w: number, h: number, rgb: readonly number[]): void => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        data.set(rgb, (y * width + x) * 3);
      }
    }
  };
  fill(0, 0, width, 56, [(step * 37) % 200, 90, 160]);
  for (let line = 0; line < 12; line++) {
    const len = 200 + ((step * 131 + line * 57) % 700);
    fill(80, 120 + line * 36 + (step % 7), len, 14, [60, 60, 60]);
  }
  fill(80 + ((step * 53) % 900), 600, 160, 44, [30, 110, 230]);
  const png = Object.assign(new PNG({ width, height }), { data });
  const options = {
    colorType: 2,
    inputColorType: 2,
    inputHasAlpha: false,
    deflateLevel: 1,
    filterType: 1,
  } as const;
  return PNG.sync.write(png, options).toString('base64');
}

function table(r: Record<string, number | null>): string {
  const usd = (v: number | null | undefined): string => (v == null ? 'rejected' : formatUsd(v));
  const tok = (v: number | null | undefined): string =>
    v == null ? 'rejected' : v.toLocaleString('en-US');
  const ratio = (a: number | null | undefined, b: number | null | undefined): string =>
    a == null || b == null ? '—' : `${((100 * a) / b).toFixed(0)}%`;
  const rows = [
    'step   tabpilot tokens   reference tokens   tabpilot $/step   reference $/step   ratio',
    ...checkpoints.map((k) =>
      [
        String(k).padEnd(6),
        tok(r[`inputTokensPerStepAt${k}`]).padStart(15),
        tok(r[`referenceInputTokensPerStepAt${k}`]).padStart(18),
        usd(r[`costPerStepUsdAt${k}`]).padStart(17),
        usd(r[`referenceCostPerStepUsdAt${k}`]).padStart(18),
        ratio(r[`costPerStepUsdAt${k}`], r[`referenceCostPerStepUsdAt${k}`]).padStart(7),
      ].join(' '),
    ),
    '',
    `tabpilot: dearest step ${usd(r['costPerStepUsdMax'])} (step ${r['costPerStepUsdMaxAtStep']}), ` +
      `largest prompt ${tok(r['maxInputTokensPerStep'])} tokens, whole run ${usd(r['runCostUsd'])}`,
    `reference: whole run ${usd(r['referenceRunCostUsd'])}; first step the API would reject: ` +
      `${r['referenceFirstRejectedStep'] ?? 'none'} (with a 200K window: ${r['referenceFirstRejectedStepWith200kWindow'] ?? 'none'})`,
  ];
  return rows.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const result = await benchCost();
  console.log(`Cost per step, ${steps}-step scripted run, ${modelProfile(defaultModelId).label}\n`);
  console.log(table(result));
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
