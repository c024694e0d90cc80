/**
 * Input-token estimates for the context budget, erring high so a request the
 * estimate admits is never one the API refuses as too long. Text and JSON count
 * UTF-8 bytes / 3 (English runs near 4 characters a token); images by their pixel
 * size read from the PNG header.
 */
import type {
  BetaContentBlockParam,
  BetaImageBlockParam,
  BetaMessageParam,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';

/** Estimated input tokens of messages; role and framing count 4 a message. */
export function estimateTokens(
  messages: readonly BetaMessageParam[],
  maxImageTokens: number,
): number {
  let total = 0;
  for (const message of messages) {
    total += 4;
    for (const block of blocksOf(message)) total += blockTokens(block, maxImageTokens);
  }
  return total;
}

function blocksOf(message: BetaMessageParam): readonly BetaContentBlockParam[] {
  if (message.role === 'system') return [];
  return typeof message.content === 'string'
    ? [{ type: 'text', text: message.content }]
    : message.content;
}

const utf8 = new TextEncoder();

export function textTokens(text: string): number {
  return Math.ceil(utf8.encode(text).length / 3);
}

/** Breakpoints are markers, not prompt text. */
const withoutBreakpoints = (key: string, value: unknown): unknown =>
  key === 'cache_control' ? undefined : value;

export function blockTokens(block: BetaContentBlockParam, maxImageTokens: number): number {
  if (block.type === 'image') return imageTokens(block, maxImageTokens);
  if (block.type === 'tool_result' && Array.isArray(block.content)) {
    let total = textTokens(block.tool_use_id) + 8;
    for (const item of block.content) {
      total +=
        item.type === 'image'
          ? imageTokens(item, maxImageTokens)
          : textTokens(JSON.stringify(item, withoutBreakpoints));
    }
    return total;
  }
  return textTokens(JSON.stringify(block, withoutBreakpoints));
}

/**
 * About width × height / 750, or one token per 28×28 px patch with the sides padded,
 * whichever is more (https://platform.claude.com/docs/en/build-with-claude/vision); capped,
 * as the API scales larger images down.
 */
export function imageTokens(block: BetaImageBlockParam, cap: number): number {
  const size = block.source.type === 'base64' ? pngSize(block.source.data) : undefined;
  if (!size) return cap;
  const { width: w, height: h } = size;
  return Math.min(cap, Math.max(Math.ceil((w * h) / 750), Math.ceil(w / 28) * Math.ceil(h / 28)));
}

/** Width and height from a base64 PNG's IHDR chunk (bytes 16–23), without decoding the rest. */
function pngSize(base64: string): { width: number; height: number } | undefined {
  let bytes: string;
  try {
    bytes = atob(base64.slice(0, 32));
  } catch {
    return undefined;
  }
  if (bytes.length < 24 || !bytes.startsWith('\x89PNG') || bytes.slice(12, 16) !== 'IHDR')
    return undefined;
  const u32 = (at: number): number =>
    ((bytes.charCodeAt(at) << 24) >>> 0) +
    (bytes.charCodeAt(at + 1) << 16) +
    (bytes.charCodeAt(at + 2) << 8) +
    bytes.charCodeAt(at + 3);
  return { width: u32(16), height: u32(20) };
}
