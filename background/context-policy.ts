/**
 * What Claude is sent of a run's history each turn: old screenshots removed in
 * chunks, prompt-cache breakpoints placed so every request reads what the one
 * before it cached, and the whole kept under the model's context window.
 *
 * Prompt caching (https://platform.claude.com/docs/en/build-with-claude/prompt-caching):
 * a `cache_control` breakpoint caches the prompt up to and including its block, in
 * the order tools, system, messages; a later request reads the cached prefix that
 * ends at one of its breakpoints (the API also looks back about 20 blocks from each
 * one); at most 4 breakpoints a request; reads cost 0.1× input and 5-minute writes
 * 1.25×. Changing any block invalidates the cache from that block on, so removing a
 * screenshot means rewriting everything after it. Anthropic's computer-use demo
 * removes screenshots a chunk at a time for that reason (anthropic-quickstarts,
 * computer-use-demo/computer_use_demo/loop.py, `_maybe_filter_to_n_most_recent_images`),
 * and keeps few enough here that the rewrite after a chunk is small. The demo's own
 * policy, which the cost bench compares with, is scripts/reference-policy.ts.
 *
 * Breakpoints in the messages (the system block carries the fourth, see cachedSystem):
 * - tail: the newest user message's last block, writing this turn for the next;
 * - previous tail: exactly where the previous request wrote, so this one reads it
 *   however many blocks a turn with several tool calls added (no reliance on the
 *   20-block lookback);
 * - boundary: the block just before the oldest kept screenshot. Pruning never
 *   changes what precedes it, so on the turn the next chunk goes, the request still
 *   reads the text-only history up to there. On that turn the previous tail is
 *   stale and its slot carries the previous boundary instead.
 */
import type {
  BetaContentBlockParam,
  BetaImageBlockParam,
  BetaMessageParam,
  BetaTextBlockParam,
  BetaToolUnion,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import type { ModelProfile } from '../extension/models.ts';
import { blockTokens, estimateTokens, imageTokens, textTokens } from './token-estimate.ts';

export { estimateTokens } from './token-estimate.ts';

export const screenshotRemovedText = '[screenshot removed to save context]';

export interface ContextOptions {
  /** Fewest screenshots kept (the newest ones); at least 1. */
  readonly keepImages: number;
  /** Older screenshots go this many at a time, so between keepImages and keepImages + pruneChunk − 1 stay. */
  readonly pruneChunk: number;
  /** Estimated tokens the messages may take: the context window less max_tokens, system, tools and a margin. */
  readonly maxMessageTokens: number;
  /** Tokens to assume for an image whose size cannot be read from its header. */
  readonly maxImageTokens: number;
}

/**
 * The turn a chunk goes rewrites the kept screenshots after it, so few are kept:
 * with 2, that turn cost about 1.4× an ordinary one in scripts/bench-cost.ts, and
 * Claude always has the screenshot from before its last action. Keeping 1 makes
 * that turn no dearer than any other, at the price of sometimes showing Claude only
 * the current screen.
 */
export const defaultKeepImages = 2;
export const defaultPruneChunk = 10;

/**
 * The API adds a tool-use system prompt and the computer tool's own definition,
 * hundreds of tokens each (https://docs.anthropic.com/en/docs/tool-use-pricing-and-tokens);
 * this covers them and the error of our estimates.
 */
const hiddenPromptTokens = 4096;

/** Options for one model and request shape; `maxTokens` is the request's max_tokens. */
export function contextOptions(
  profile: ModelProfile,
  request: {
    readonly system: string;
    readonly tools: readonly BetaToolUnion[];
    readonly maxTokens: number;
  },
  tuning: Partial<Pick<ContextOptions, 'keepImages' | 'pruneChunk'>> = {},
): ContextOptions {
  // Prompt plus max_tokens must fit the window, or the API answers 400
  // "prompt is too long: N tokens > M maximum" (https://github.com/anthropics/claude-code/issues/12186).
  const fixed =
    textTokens(request.system) + textTokens(JSON.stringify(request.tools)) + hiddenPromptTokens;
  return {
    keepImages: tuning.keepImages ?? defaultKeepImages,
    pruneChunk: tuning.pruneChunk ?? defaultPruneChunk,
    maxMessageTokens: profile.contextWindow - request.maxTokens - fixed,
    // Images are fitted to profile.image, whose token cost is about maxPixels / 750
    // (https://platform.claude.com/docs/en/build-with-claude/vision); 700 leaves room
    // for the padding of 28 px patches.
    maxImageTokens: Math.ceil(profile.image.maxPixels / 700),
  };
}

/** The system prompt as one block with a breakpoint: tools and system are cached across turns and runs. */
export function cachedSystem(system: string): BetaTextBlockParam[] {
  return [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }];
}

/**
 * The request's messages for this turn, with at most three breakpoints (four with
 * cachedSystem, the API's limit). Returns new objects; `history` is left as it is.
 * Call it every turn with the whole history: it works out from the history alone
 * what the previous turn sent.
 */
export function prepareMessages(
  history: readonly BetaMessageParam[],
  options: ContextOptions,
): BetaMessageParam[] {
  const now = fit(history, options);
  const lastUser = history.findLastIndex((m) => m.role === 'user');
  const previousUser = history.findLastIndex((m, i) => i < lastUser && m.role === 'user');
  const marks: (Position | undefined)[] = [lastBlock(now.messages, now.index[lastUser])];
  if (previousUser >= 0) {
    // What the previous request was: the loop appends one reply and one user turn a step.
    const before = fit(history.slice(0, previousUser + 1), options);
    const samePruning = before.removed === now.removed && before.dropped === now.dropped;
    if (samePruning) marks.push(lastBlock(now.messages, now.index[previousUser]));
    else if (before.dropped === now.dropped) marks.push(boundary(now, before.removed));
  }
  marks.push(boundary(now, now.removed));
  return withBreakpoints(now.messages, marks);
}

// ---------------------------------------------------------------------------

interface Position {
  readonly message: number;
  readonly block: number;
}

interface ImageRef {
  /** Index in history, and of the top-level block in that message. */
  readonly message: number;
  readonly block: number;
  readonly image: BetaImageBlockParam;
}

interface Fitted {
  readonly messages: BetaMessageParam[];
  /** History index → index in `messages`, or undefined for a dropped message. */
  readonly index: readonly (number | undefined)[];
  readonly images: readonly ImageRef[];
  /** Oldest screenshots replaced by a placeholder. */
  readonly removed: number;
  /** Oldest assistant/user turn pairs left out. */
  readonly dropped: number;
}

/**
 * Removes screenshots in chunks. Should the estimate exceed the budget, the oldest
 * turns go too, a chunk at a time; how many is sized for the most screenshots the
 * chunking ever keeps, so it only grows with the history and does not flip back
 * and forth as chunks of screenshots go. Only when the newest turns alone are too
 * big do more screenshots go, down to the newest one.
 */
function fit(history: readonly BetaMessageParam[], o: ContextOptions): Fitted {
  const images = imageRefs(history);
  const keep = Math.max(1, o.keepImages);
  const chunk = Math.max(1, o.pruneChunk);
  const pairs = droppablePairs(history);
  // Token sums by message and image, so trying a shape costs no copying.
  const perMessage = history.map((m) => estimateTokens([m], o.maxImageTokens));
  const placeholderTokens = blockTokens(placeholder(), o.maxImageTokens);
  const saved = images.map((ref) => imageTokens(ref.image, o.maxImageTokens) - placeholderTokens);
  const kept = (m: number, dropped: number): boolean => m === 0 || m > 2 * dropped;
  const size = (removed: number, dropped: number): number => {
    let total = dropped > 0 ? blockTokens(droppedNote(dropped), o.maxImageTokens) : 0;
    for (const [m, tokens] of perMessage.entries()) if (kept(m, dropped)) total += tokens;
    for (const [i, ref] of images.slice(0, removed).entries()) {
      if (kept(ref.message, dropped)) total -= saved[i] ?? 0;
    }
    return total;
  };
  const fits = (removed: number, dropped: number): boolean =>
    size(removed, dropped) <= o.maxMessageTokens;

  const chunked = images.length > keep ? Math.floor((images.length - keep) / chunk) * chunk : 0;
  const fewestRemoved = Math.max(0, images.length - (keep + chunk - 1));
  let dropped = 0;
  while (dropped < pairs && !fits(fewestRemoved, dropped))
    dropped = Math.min(pairs, dropped + chunk);
  let removed = chunked;
  while (removed < images.length - 1 && !fits(removed, dropped)) {
    removed = Math.min(images.length - 1, removed + chunk);
  }
  return apply(history, images, removed, dropped);
}

function apply(
  history: readonly BetaMessageParam[],
  images: readonly ImageRef[],
  removed: number,
  dropped: number,
): Fitted {
  const messages = history.map(copyMessage);
  for (const ref of images.slice(0, removed)) {
    const content = messages[ref.message]?.content as BetaContentBlockParam[];
    const block = content[ref.block];
    if (block?.type === 'image') content[ref.block] = placeholder();
    else if (block?.type === 'tool_result' && Array.isArray(block.content)) {
      // A tool result may hold several images; they go oldest first.
      const list = block.content.slice();
      const first = list.findIndex((item) => item.type === 'image');
      if (first >= 0) list[first] = placeholder();
      content[ref.block] = { ...block, content: list };
    }
  }
  const index: (number | undefined)[] = history.map((_, i) => i);
  if (dropped > 0) {
    // Messages 1 .. 2·dropped are the oldest assistant/user pairs; the first user turn holds the task.
    messages.splice(1, 2 * dropped);
    for (let i = 1; i < history.length; i++)
      index[i] = i <= 2 * dropped ? undefined : i - 2 * dropped;
    const first = messages[0];
    if (first && Array.isArray(first.content)) first.content.push(droppedNote(dropped));
  }
  return { messages, index, images, removed, dropped };
}

/** How many leading assistant/user pairs after the first message may go; the newest turn stays. */
function droppablePairs(history: readonly BetaMessageParam[]): number {
  let pairs = 0;
  for (let i = 1; i + 1 < history.length - 2; i += 2) {
    if (history[i]?.role !== 'assistant' || history[i + 1]?.role !== 'user') break;
    pairs++;
  }
  return pairs;
}

/** Every image in user turns, oldest first, including those inside tool results. */
function imageRefs(history: readonly BetaMessageParam[]): ImageRef[] {
  const refs: ImageRef[] = [];
  history.forEach((message, m) => {
    if (message.role !== 'user' || !Array.isArray(message.content)) return;
    message.content.forEach((block, b) => {
      if (block.type === 'image') refs.push({ message: m, block: b, image: block });
      if (block.type === 'tool_result' && Array.isArray(block.content)) {
        for (const item of block.content) {
          if (item.type === 'image') refs.push({ message: m, block: b, image: item });
        }
      }
    });
  });
  return refs;
}

/** The cacheable block just before the one that holds the oldest kept image. */
function boundary(f: Fitted, removed: number): Position | undefined {
  const ref = f.images.slice(removed).find((r) => f.index[r.message] !== undefined);
  const message = ref && f.index[ref.message];
  if (!ref || message === undefined) return undefined;
  let m = message;
  let b = ref.block - 1;
  for (;;) {
    if (b < 0) {
      m--;
      if (m < 0) return undefined;
      b = blocksOf(f.messages[m]).length - 1;
      continue;
    }
    if (cacheable(blocksOf(f.messages[m])[b])) return { message: m, block: b };
    b--;
  }
}

function lastBlock(
  messages: readonly BetaMessageParam[],
  m: number | undefined,
): Position | undefined {
  if (m === undefined) return undefined;
  const blocks = blocksOf(messages[m]);
  for (let b = blocks.length - 1; b >= 0; b--)
    if (cacheable(blocks[b])) return { message: m, block: b };
  return undefined;
}

/** Thinking blocks cannot carry cache_control themselves (prompt-caching docs). */
function cacheable(block: BetaContentBlockParam | undefined): boolean {
  return block !== undefined && block.type !== 'thinking' && block.type !== 'redacted_thinking';
}

function withBreakpoints(
  messages: BetaMessageParam[],
  marks: readonly (Position | undefined)[],
): BetaMessageParam[] {
  const done = new Set<string>();
  for (const mark of marks) {
    if (!mark || done.has(`${mark.message}:${mark.block}`)) continue;
    done.add(`${mark.message}:${mark.block}`);
    const content = messages[mark.message]?.content;
    const block = Array.isArray(content) ? content[mark.block] : undefined;
    if (!Array.isArray(content) || !block) continue;
    content[mark.block] = {
      ...block,
      cache_control: { type: 'ephemeral' },
    } as BetaContentBlockParam;
  }
  return messages;
}

/** A copy with its own content array and no breakpoints of its own. */
export function copyMessage(message: BetaMessageParam): BetaMessageParam {
  // role "system" messages are not something the loop sends; they pass through untouched.
  if (message.role === 'system') return { ...message };
  const content: BetaContentBlockParam[] =
    typeof message.content === 'string'
      ? [{ type: 'text', text: message.content }]
      : message.content.map((block) => {
          if (!('cache_control' in block)) return block;
          const copy = { ...block };
          delete (copy as { cache_control?: unknown }).cache_control;
          return copy;
        });
  return { role: message.role, content };
}

function blocksOf(message: BetaMessageParam | undefined): readonly BetaContentBlockParam[] {
  if (!message || message.role === 'system') return [];
  return typeof message.content === 'string'
    ? [{ type: 'text', text: message.content }]
    : message.content;
}

function droppedNote(dropped: number): BetaTextBlockParam {
  const text = `[${dropped} earlier step${dropped === 1 ? '' : 's'} removed to fit the context window]`;
  return { type: 'text', text };
}

function placeholder(): BetaTextBlockParam {
  return { type: 'text', text: screenshotRemovedText };
}
