/**
 * Input token estimate, element by element in the order the API lays out a
 * prompt for caching (tools, then system, then messages), so the cache can
 * price any prefix. Counts are estimates: text ≈ chars/4.
 */
import type { Walk } from './blocks.ts';
import type { ImageInfo } from './image-info.ts';
import type { Json } from './shape.ts';

/** One cacheable unit of the prompt: a tool, a system block or a message block. */
export interface PromptElement {
  /** Canonical text of the element, cache_control removed; what the cache matches on. */
  readonly key: string;
  readonly tokens: number;
  /** Set when a cache breakpoint ends at this element. */
  readonly breakpoint: '5m' | '1h' | null;
}

export function textTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * https://docs.claude.com/en/docs/vision: an image whose long edge is over 1568 px,
 * or that is over ~1,600 tokens, is first scaled down keeping its aspect ratio;
 * it then costs about width * height / 750 tokens.
 */
export function imageTokens(info: Pick<ImageInfo, 'width' | 'height'>): number {
  const { width, height } = info;
  const scale = Math.min(
    1,
    1568 / Math.max(width, height),
    Math.sqrt((1600 * 750) / (width * height)),
  );
  const w = Math.max(1, Math.floor(width * scale));
  const h = Math.max(1, Math.floor(height * scale));
  return Math.ceil((w * h) / 750);
}

/**
 * The tool-use system prompt the API adds when `tools` is set: 346 tokens for
 * tool_choice auto/none, 313 for any/tool on current models. Only the Claude 3
 * rows of that table were found in the docs
 * (https://docs.anthropic.com/en/docs/tool-use-pricing-and-tokens); these are
 * from a secondary source quoting the current table.
 */
function toolSystemPromptTokens(toolChoice: unknown): number {
  const type = (toolChoice as Json | undefined)?.['type'];
  return type === 'any' || type === 'tool' ? 313 : 346;
}

function ttlOf(block: Json): '5m' | '1h' | null {
  const cc = block['cache_control'] as Json | null | undefined;
  if (!cc) return null;
  return cc['ttl'] === '1h' ? '1h' : '5m';
}

/** Moving or adding a breakpoint does not change what is cached, so the key leaves it out. */
function keyOf(value: Json, extra: Record<string, unknown> = {}): string {
  const rest = { ...extra, ...value };
  delete rest['cache_control'];
  return JSON.stringify(rest);
}

function blockTokens(block: Json, walk: Walk): number {
  switch (block['type']) {
    case 'text':
      return textTokens(block['text'] as string);
    case 'image': {
      const info = walk.images.get(block);
      return info ? imageTokens(info) : 0;
    }
    case 'tool_use':
      return textTokens(`${block['name'] as string}${JSON.stringify(block['input'])}`);
    case 'tool_result': {
      const content = block['content'];
      if (typeof content === 'string') return textTokens(content);
      const inner = Array.isArray(content) ? (content as Json[]) : [];
      return inner.reduce((sum, b) => sum + blockTokens(b, walk), 0);
    }
    case 'thinking':
      return textTokens(block['thinking'] as string);
    default:
      return 0;
  }
}

/** The request as prompt elements, in cache order. */
export function promptElements(
  body: Json,
  walk: Walk,
  autoCache: '5m' | '1h' | null,
): PromptElement[] {
  const out: PromptElement[] = [];
  const tools = (body['tools'] as Json[] | undefined) ?? [];
  if (tools.length) {
    out.push({
      key: 'tool-use-system-prompt',
      tokens: toolSystemPromptTokens(body['tool_choice']),
      breakpoint: null,
    });
  }
  for (const tool of tools) {
    out.push({ key: keyOf(tool), tokens: textTokens(keyOf(tool)), breakpoint: ttlOf(tool) });
  }
  const system = body['system'];
  const systemBlocks: Json[] =
    typeof system === 'string'
      ? [{ type: 'text', text: system }]
      : ((system as Json[] | undefined) ?? []);
  for (const block of systemBlocks) {
    out.push({
      key: keyOf(block, { in: 'system' }),
      tokens: blockTokens(block, walk),
      breakpoint: ttlOf(block),
    });
  }
  // Changing tool_choice or thinking invalidates cached messages but keeps tools and system,
  // as the prompt-caching docs' invalidation table is quoted (not read first-hand here).
  out.push({
    key: JSON.stringify({ tool_choice: body['tool_choice'], thinking: body['thinking'] }),
    tokens: 0,
    breakpoint: null,
  });
  for (const message of body['messages'] as Json[]) {
    const content = message['content'];
    const list: Json[] =
      typeof content === 'string' ? [{ type: 'text', text: content }] : (content as Json[]);
    for (const block of list) {
      out.push({
        key: keyOf(block, { role: message['role'] }),
        tokens: blockTokens(block, walk),
        breakpoint: ttlOf(block),
      });
    }
  }
  // Top-level cache_control puts the breakpoint on the last cacheable block.
  const last = out.at(-1);
  if (autoCache && last)
    out[out.length - 1] = { ...last, breakpoint: last.breakpoint ?? autoCache };
  return out;
}
