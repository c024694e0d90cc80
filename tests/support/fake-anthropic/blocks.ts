/**
 * Content block checks: text, image (bytes decoded and sniffed), tool_use,
 * tool_result, thinking. Block types the SDK knows but the fake does not
 * simulate get a clear "not modelled" 400 rather than a silent wrong answer.
 */
import { ApiError, unmodelled } from './errors.ts';
import { decodeBase64, imageInfo, type ImageInfo } from './image-info.ts';
import {
  at,
  boolean,
  isObject,
  list,
  object,
  onlyKeys,
  oneOf,
  reject,
  required,
  string,
  tag,
  type Json,
} from './shape.ts';

/** What a walk over the request collects for the checks that need the whole picture. */
export interface Walk {
  /** Decoded size of every base64 image block, keyed by the block object. */
  readonly images: WeakMap<object, ImageInfo>;
  readonly imagePaths: { readonly path: string; readonly info: ImageInfo }[];
  /** Explicit cache_control breakpoints seen. */
  breakpoints: number;
}

export function newWalk(): Walk {
  return { images: new WeakMap(), imagePaths: [], breakpoints: 0 };
}

/** Every block `type` the SDK's BetaContentBlockParam union names. */
const knownTags = [
  'text',
  'image',
  'document',
  'search_result',
  'thinking',
  'redacted_thinking',
  'tool_use',
  'tool_result',
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'advisor_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'mcp_tool_use',
  'mcp_tool_result',
  'container_upload',
  'compaction',
  'tool_addition',
  'tool_removal',
  'mcp_tool_listing',
  'fallback',
] as const;

const userTags = ['text', 'image', 'tool_result'];
const assistantTags = ['text', 'tool_use', 'thinking', 'redacted_thinking'];

/**
 * Cache breakpoint marker. https://docs.claude.com/en/docs/build-with-claude/prompt-caching:
 * `{"type": "ephemeral"}` with an optional `ttl` of "5m" or "1h".
 */
export function cacheControl(value: unknown, path: string, walk: Walk): void {
  if (value === undefined || value === null) return;
  const o = object(value, path);
  tag(o, path, ['ephemeral']);
  const p = at(path, 'ephemeral');
  onlyKeys(o, p, ['type', 'ttl']);
  if (o['ttl'] !== undefined) oneOf(o['ttl'], ['5m', '1h'], at(p, 'ttl'));
  walk.breakpoints += 1;
}

/** Root field of a path, for the API's unpathed "text content blocks" messages. */
function root(path: string): string {
  return path.split('.')[0] ?? path;
}

export function textBlock(o: Json, path: string, walk: Walk): void {
  onlyKeys(o, path, ['type', 'text', 'cache_control', 'citations']);
  const text = string(required(o, 'text', path), at(path, 'text'));
  if (text === '') throw new ApiError(400, `${root(path)}: text content blocks must be non-empty`);
  const citations = o['citations'];
  if (
    citations !== undefined &&
    citations !== null &&
    list(citations, at(path, 'citations')).length
  ) {
    throw unmodelled('text block citations');
  }
  cacheControl(o['cache_control'], at(path, 'cache_control'), walk);
}

/**
 * Limits from https://docs.claude.com/en/docs/build-with-claude/vision: JPEG, PNG,
 * GIF or WebP; at most 8000x8000 px (checked once the image count is known). The
 * 5 MB cap and the messages are the API's own, e.g. "image exceeds 5 MB maximum:
 * 6500712 bytes > 5242880 bytes" (https://github.com/gptme/gptme/issues/185) and
 * "The image was specified using the image/jpeg media type, but the image appears
 * to be a image/png image" (https://github.com/vybestack/llxprt-code/issues/2130).
 */
export const maxImageBase64Bytes = 5 * 1024 * 1024;

function imageBlock(o: Json, path: string, walk: Walk): void {
  onlyKeys(o, path, ['type', 'source', 'cache_control', 'transformations']);
  const source = object(required(o, 'source', path), at(path, 'source'));
  const kind = tag(source, at(path, 'source'), ['base64', 'url', 'file']);
  if (kind !== 'base64') throw unmodelled(`image source type '${kind}'`);
  const p = at(at(path, 'source'), 'base64');
  onlyKeys(source, p, ['type', 'media_type', 'data']);
  const declared = oneOf(
    required(source, 'media_type', p),
    ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
    at(p, 'media_type'),
  );
  const data = string(required(source, 'data', p), at(p, 'data'));
  if (data.length > maxImageBase64Bytes) {
    reject(p, `image exceeds 5 MB maximum: ${data.length} bytes > ${maxImageBase64Bytes} bytes`);
  }
  const bytes = decodeBase64(data);
  const info = bytes && imageInfo(bytes);
  if (!info || info.width === 0 || info.height === 0)
    throw new ApiError(400, 'Could not process image');
  if (info.mediaType !== declared) {
    reject(
      p,
      `The image was specified using the ${declared} media type, but the image appears to be a ${info.mediaType} image`,
    );
  }
  const transformations = o['transformations'];
  if (isObject(transformations) && transformations['oversized_image'] === 'error') {
    throw unmodelled("transformations.oversized_image 'error'");
  }
  walk.images.set(o, info);
  walk.imagePaths.push({ path: at(p, 'data'), info });
  cacheControl(o['cache_control'], at(path, 'cache_control'), walk);
}

function toolUseBlock(o: Json, path: string, walk: Walk): void {
  onlyKeys(o, path, ['type', 'id', 'input', 'name', 'cache_control', 'caller', 'toolset_name']);
  const id = string(required(o, 'id', path), at(path, 'id'));
  // The id pattern the API validates tool ids with; ids it issues match it.
  if (!/^[a-zA-Z0-9_-]+$/.test(id))
    reject(at(path, 'id'), "String should match pattern '^[a-zA-Z0-9_-]+$'");
  string(required(o, 'name', path), at(path, 'name'));
  object(required(o, 'input', path), at(path, 'input'));
  if (o['caller'] != null || o['toolset_name'] != null)
    throw unmodelled('tool_use caller/toolset_name');
  cacheControl(o['cache_control'], at(path, 'cache_control'), walk);
}

function toolResultBlock(o: Json, path: string, walk: Walk): void {
  onlyKeys(o, path, [
    'type',
    'tool_use_id',
    'content',
    'is_error',
    'cache_control',
    'toolset_name',
  ]);
  string(required(o, 'tool_use_id', path), at(path, 'tool_use_id'));
  if (o['is_error'] !== undefined) boolean(o['is_error'], at(path, 'is_error'));
  if (o['toolset_name'] != null) throw unmodelled('tool_result toolset_name');
  const content = o['content'];
  if (content !== undefined && typeof content !== 'string') {
    const p = at(path, 'content');
    list(content, p).forEach((item, i) => {
      const block = object(item, at(p, i));
      const type = tag(block, at(p, i), [
        'text',
        'image',
        'search_result',
        'document',
        'tool_reference',
        'browser_state',
      ]);
      if (type === 'text') textBlock(block, at(at(p, i), 'text'), walk);
      else if (type === 'image') imageBlock(block, at(at(p, i), 'image'), walk);
      else throw unmodelled(`'${type}' blocks inside tool_result`);
    });
  }
  cacheControl(o['cache_control'], at(path, 'cache_control'), walk);
}

function thinkingBlock(o: Json, path: string): void {
  onlyKeys(o, path, ['type', 'thinking', 'signature']);
  string(required(o, 'thinking', path), at(path, 'thinking'));
  string(required(o, 'signature', path), at(path, 'signature'));
}

function redactedThinkingBlock(o: Json, path: string): void {
  onlyKeys(o, path, ['type', 'data']);
  string(required(o, 'data', path), at(path, 'data'));
}

/** Checks one block of a user or assistant message; returns its type. */
export function contentBlock(
  value: unknown,
  path: string,
  role: 'user' | 'assistant',
  walk: Walk,
): string {
  const o = object(value, path);
  const type = tag(o, path, knownTags);
  const allowed = role === 'user' ? userTags : assistantTags;
  if (!allowed.includes(type)) {
    const elsewhere = (role === 'user' ? assistantTags : userTags).includes(type);
    if (elsewhere) reject(path, `\`${type}\` blocks are not allowed in \`${role}\` messages`);
    throw unmodelled(`'${type}' content blocks`);
  }
  const p = at(path, type);
  if (type === 'text') textBlock(o, p, walk);
  else if (type === 'image') imageBlock(o, p, walk);
  else if (type === 'tool_use') toolUseBlock(o, p, walk);
  else if (type === 'tool_result') toolResultBlock(o, p, walk);
  else if (type === 'thinking') thinkingBlock(o, p);
  else redactedThinkingBlock(o, p);
  return type;
}
