import type { ImageLimits } from './geometry.ts';

/**
 * What tabpilot needs to know about each Claude model it can drive: which computer
 * use tool version and beta header to send, how large a screenshot may be, and the
 * limits and prices the run loop and cost display work with.
 *
 * Every number comes from Anthropic's docs; the link beside it says where. Where the
 * docs are silent the comment says so and the value is the safe one.
 */
export interface ModelProfile {
  readonly id: string;
  readonly label: string;
  readonly toolType: ToolType;
  readonly betaHeader: BetaHeader;
  /** What we send: at most what the model takes without silently downscaling it. */
  readonly image: ImageLimits;
  /** Whether the tool version has the `zoom` action (`enable_zoom`). */
  readonly zoom: boolean;
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  /** How the model thinks, when the docs give it thinking at all. */
  readonly thinking?: ThinkingSupport;
  /** US dollars per million tokens. */
  readonly pricePerMTok: {
    readonly input: number;
    readonly output: number;
    readonly cacheWrite5m: number;
    readonly cacheRead: number;
  };
  /** Shorter prefixes are silently not cached. */
  readonly minCacheableTokens: number;
}

export type ToolType = 'computer_20251124' | 'computer_20250124';
export type BetaHeader = 'computer-use-2025-11-24' | 'computer-use-2025-01-24';

export interface ThinkingSupport {
  /**
   * `adaptive`: send `thinking: {type: 'adaptive'}` and steer with `effort`.
   * `extended`: send `thinking: {type: 'enabled', budget_tokens}`.
   */
  readonly mode: 'adaptive' | 'extended';
  /** What the model does when the request has no `thinking` field. */
  readonly byDefault: 'on' | 'off';
  /** Whether `thinking: {type: 'disabled'}` is accepted. */
  readonly canDisable: boolean;
}

// Which models take which tool version, and its beta header:
// https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool#earlier-tool-versions
// `zoom` exists only in computer_20251124 and needs `enable_zoom: true`:
// https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool#available-actions
const tools = {
  v20251124: { toolType: 'computer_20251124', betaHeader: 'computer-use-2025-11-24', zoom: true },
  v20250124: { toolType: 'computer_20250124', betaHeader: 'computer-use-2025-01-24', zoom: false },
} as const;

// Native image resolution, after which Claude resizes the image and its coordinates
// stop matching ours: https://platform.claude.com/docs/en/build-with-claude/vision#evaluate-image-size
// The limit is a long edge and a budget of 28×28 px visual tokens, each side padded
// up to a multiple of 28 (vision#how-claude-resizes-and-pads-images). fitImage()
// bounds pixels, not tokens, so maxPixels is chosen so that every size it can return
// stays within the token budget (checked in tests/unit/models.test.ts).
const images = {
  // 1568 px and 1568 tokens. 1.15 MP is the figure the computer use docs scale to:
  // computer-use-tool#handle-coordinate-scaling-for-higher-resolutions (MAX_PIXELS).
  standard: { maxLongEdge: 1568, maxPixels: 1_150_000 },
  // 2576 px and 4784 tokens, listed for Claude Opus 4.7, Opus 4.8, Fable 5 and
  // Mythos 5. The docs give no pixel figure; 3.6 MP is the round number below the
  // largest area that always fits 4784 tokens (3,644,816 px).
  highRes: { maxLongEdge: 2576, maxPixels: 3_600_000 },
} as const;

// Per-model pages: https://platform.claude.com/docs/en/about-claude/pricing#model-pricing
// Cache writes (5 min) are 1.25× input and reads 0.1× input, except Fable 5.1 and
// Mythos 5.1, whose reads are 0.025× (pricing page footnote).
const prices = {
  fable51: { input: 10, output: 50, cacheWrite5m: 12.5, cacheRead: 0.25 },
  fable5: { input: 10, output: 50, cacheWrite5m: 12.5, cacheRead: 1 },
  opus: { input: 5, output: 25, cacheWrite5m: 6.25, cacheRead: 0.5 },
  sonnet5: { input: 2, output: 10, cacheWrite5m: 2.5, cacheRead: 0.2 },
  sonnet4: { input: 3, output: 15, cacheWrite5m: 3.75, cacheRead: 0.3 },
  haiku4: { input: 1, output: 5, cacheWrite5m: 1.25, cacheRead: 0.1 },
} as const;

// https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking#supported-models
// and the "Thinking" column of each model page.
const thinking = {
  alwaysOn: { mode: 'adaptive', byDefault: 'on', canDisable: false },
  adaptiveOn: { mode: 'adaptive', byDefault: 'on', canDisable: true },
  adaptiveOff: { mode: 'adaptive', byDefault: 'off', canDisable: true },
  extended: { mode: 'extended', byDefault: 'off', canDisable: true },
} as const;

// Context window and max output: the model's page,
// https://platform.claude.com/docs/en/models/<model>/overview
// Minimum cacheable prompt length on the Claude API:
// https://platform.claude.com/docs/en/build-with-claude/prompt-caching#cache-limitations
const M = 1_000_000;
const K = 1000;

function rows(ids: readonly string[], label: string, rest: Omit<ModelProfile, 'id' | 'label'>) {
  return ids.map((id, i): ModelProfile => ({
    id,
    label: i === 0 ? label : `${label} (${id})`,
    ...rest,
  }));
}

/** Every model the docs list for computer_20251124 or computer_20250124. */
export const modelProfiles: readonly ModelProfile[] = [
  // models/fable-5-1/overview; Mythos 5.1 shares Fable 5.1's specs and pricing.
  ...rows(['claude-fable-5-1'], 'Claude Fable 5.1', {
    ...tools.v20251124,
    // Not named in the vision docs' high-resolution list: the smaller limit is the safe one.
    image: images.standard,
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.alwaysOn,
    pricePerMTok: prices.fable51,
    minCacheableTokens: 512,
  }),
  ...rows(['claude-mythos-5-1'], 'Claude Mythos 5.1', {
    ...tools.v20251124,
    image: images.standard, // as Fable 5.1
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.alwaysOn,
    pricePerMTok: prices.fable51,
    minCacheableTokens: 512,
  }),
  // models/fable-5/overview; "Claude Mythos 5 shares Claude Fable 5's specifications and pricing".
  ...rows(['claude-fable-5'], 'Claude Fable 5', {
    ...tools.v20251124,
    image: images.highRes,
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.alwaysOn,
    pricePerMTok: prices.fable5,
    minCacheableTokens: 512,
  }),
  ...rows(['claude-mythos-5'], 'Claude Mythos 5', {
    ...tools.v20251124,
    image: images.highRes,
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.alwaysOn,
    pricePerMTok: prices.fable5,
    minCacheableTokens: 512,
  }),
  // models/opus-5/overview
  ...rows(['claude-opus-5'], 'Claude Opus 5', {
    ...tools.v20251124,
    image: images.standard, // not in the high-resolution list: see Fable 5.1
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.adaptiveOn,
    pricePerMTok: prices.opus,
    minCacheableTokens: 512,
  }),
  // models/sonnet-5/overview; $2/$10 per models/sonnet-5/migration-guide.
  ...rows(['claude-sonnet-5'], 'Claude Sonnet 5', {
    ...tools.v20251124,
    image: images.standard, // not in the high-resolution list: see Fable 5.1
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.adaptiveOn,
    pricePerMTok: prices.sonnet5,
    minCacheableTokens: 1024,
  }),
  // models/opus-4-8/overview
  ...rows(['claude-opus-4-8'], 'Claude Opus 4.8', {
    ...tools.v20251124,
    image: images.highRes,
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.adaptiveOff,
    pricePerMTok: prices.opus,
    minCacheableTokens: 1024,
  }),
  // Its Claude API page was not in reach: 1M / 128K from the Bedrock model card
  // (docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-opus-4-7.html),
  // $5 / $25 from the pricing table in build-with-claude/prompt-caching#pricing.
  ...rows(['claude-opus-4-7'], 'Claude Opus 4.7', {
    ...tools.v20251124,
    image: images.highRes,
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.adaptiveOff,
    pricePerMTok: prices.opus,
    minCacheableTokens: 2048,
  }),
  // models/opus-4-6/overview
  ...rows(['claude-opus-4-6'], 'Claude Opus 4.6', {
    ...tools.v20251124,
    image: images.standard,
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.adaptiveOff,
    pricePerMTok: prices.opus,
    minCacheableTokens: 4096,
  }),
  // models/sonnet-4-6/overview
  ...rows(['claude-sonnet-4-6'], 'Claude Sonnet 4.6', {
    ...tools.v20251124,
    image: images.standard,
    contextWindow: 1 * M,
    maxOutputTokens: 128 * K,
    thinking: thinking.adaptiveOff,
    pricePerMTok: prices.sonnet4,
    minCacheableTokens: 1024,
  }),
  // models/opus-4-5/overview: the alias and its dated snapshot.
  ...rows(['claude-opus-4-5', 'claude-opus-4-5-20251101'], 'Claude Opus 4.5', {
    ...tools.v20251124,
    image: images.standard,
    contextWindow: 200 * K,
    maxOutputTokens: 64 * K,
    thinking: thinking.extended,
    pricePerMTok: prices.opus,
    minCacheableTokens: 4096,
  }),
  // models/sonnet-4-5/overview (deprecated, retires November 30, 2026).
  ...rows(['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'], 'Claude Sonnet 4.5', {
    ...tools.v20250124,
    image: images.standard,
    contextWindow: 200 * K,
    maxOutputTokens: 64 * K,
    thinking: thinking.extended,
    pricePerMTok: prices.sonnet4,
    minCacheableTokens: 1024,
  }),
  // models/haiku-4-5/overview
  ...rows(['claude-haiku-4-5', 'claude-haiku-4-5-20251001'], 'Claude Haiku 4.5', {
    ...tools.v20250124,
    image: images.standard,
    contextWindow: 200 * K,
    maxOutputTokens: 64 * K,
    thinking: thinking.extended,
    pricePerMTok: prices.haiku4,
    minCacheableTokens: 4096,
  }),
];

/**
 * Models in the SDK's list that cannot use either tool version tabpilot sends. They
 * take computer use only as `computer_toolset_20260801` and answer the earlier tools
 * with a 400 on the Claude API: computer-use-tool (Compatibility) and each model's
 * "What's new" page, e.g. models/opus-5-5/whats-new-opus-5-5.
 */
export const toolsetOnlyModelIds: readonly string[] = [
  'claude-fable-5-2',
  'claude-mythos-5-2',
  'claude-opus-5-5',
  'claude-sonnet-5-5',
  'claude-haiku-5-5',
];

/** The newest Sonnet that the docs list for computer_20251124. */
export const defaultModelId = 'claude-sonnet-5';

/**
 * For a model the table does not know: the older tool, whose actions every model in
 * the docs' list accepts, and the smaller image limit, so nothing is downscaled.
 * The docs say nothing about an unknown model's limits; the small context and
 * output figures are ones every listed model accepts, and prices and cache minimum
 * are the highest in the table so costs are never understated.
 */
const fallback: Omit<ModelProfile, 'id' | 'label'> = {
  ...tools.v20250124,
  image: images.standard,
  contextWindow: 200 * K,
  maxOutputTokens: 8 * K,
  pricePerMTok: prices.fable5,
  minCacheableTokens: 4096,
};

const byId = new Map(modelProfiles.map((p) => [p.id, p]));

export function modelProfile(id: string): ModelProfile {
  return byId.get(id) ?? { id, label: id, ...fallback };
}
