/**
 * Validates a Messages API request body as strictly as the real API, with its
 * error messages. Top-level fields are the body params of the SDK's
 * MessageCreateParamsBase (API version 2026-10-21); anything else is an
 * "Extra inputs are not permitted" 400.
 */
import { ApiError, unmodelled } from './errors.ts';
import { cacheControl, contentBlock, newWalk, textBlock, type Walk } from './blocks.ts';
import { pairToolResults } from './pairing.ts';
import {
  at,
  integer,
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
import { checkToolChoice, checkTools } from './tools.ts';
import type { MessagesRequest } from './types.ts';

export interface CheckedRequest {
  readonly request: MessagesRequest;
  readonly walk: Walk;
  /** TTL of the top-level (automatic) cache breakpoint, when one is asked for. */
  readonly autoCacheTtl: '5m' | '1h' | null;
}

const modelled = [
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'stream',
  'metadata',
  'stop_sequences',
  'cache_control',
  'thinking',
  'output_config',
  'service_tier',
  'inference_geo',
  'speed',
];
/** Body params the SDK knows that change the answer in ways the fake does not simulate. */
const notModelled = [
  'billing_policy',
  'compaction',
  'container',
  'context_management',
  'diagnostics',
  'fallback_credit_token',
  'fallbacks',
  'mcp_servers',
  'output_format',
  'thread',
];

/** https://docs.claude.com/en/docs/build-with-claude/vision: 8000 px, 2000 px past 20 images. */
function checkImages(walk: Walk): void {
  const count = walk.imagePaths.length;
  // "the API supports up to 600 images per request": https://platform.claude.com/docs/en/build-with-claude/vision
  if (count > 600)
    throw new ApiError(400, `messages: too many images in one request: ${count} > 600`);
  const limit = count > 20 ? 2000 : 8000;
  for (const { path, info } of walk.imagePaths) {
    if (info.width > limit || info.height > limit) {
      const which = count > 20 ? ' for many-image requests' : '';
      reject(
        path,
        `At least one of the image dimensions exceed max allowed size${which}: ${limit} pixels`,
      );
    }
  }
}

function checkSystem(value: unknown, walk: Walk): void {
  if (typeof value === 'string') return;
  list(value, 'system').forEach((item, i) => {
    const block = object(item, at('system', i));
    tag(block, at('system', i), ['text']);
    textBlock(block, at(at('system', i), 'text'), walk);
  });
}

function checkMessages(value: unknown, walk: Walk): void {
  const messages = list(value, 'messages');
  if (messages.length === 0) throw new ApiError(400, 'messages: at least one message is required');
  // "There is a limit of 100,000 messages in a single request" (SDK param docs).
  if (messages.length > 100_000) reject('messages', 'List should have at most 100000 items');
  messages.forEach((item, i) => {
    const path = at('messages', i);
    const message = object(item, path);
    const role = oneOf(
      required(message, 'role', path),
      ['user', 'assistant', 'system'],
      at(path, 'role'),
    );
    if (role === 'system') throw unmodelled('role "system" messages');
    onlyKeys(message, path, ['role', 'content']);
    const content = required(message, 'content', path);
    const empty = content === '' || (Array.isArray(content) && content.length === 0);
    if (empty) {
      reject(
        path,
        'all messages must have non-empty content except for the optional final assistant message',
      );
    }
    if (typeof content !== 'string') {
      list(content, at(path, 'content')).forEach((block, j) =>
        contentBlock(block, at(at(path, 'content'), j), role, walk),
      );
    }
  });
  const first = messages[0] as Json;
  // Real message: https://github.com/tonyljx/TextWordExplain/issues/2
  if (first['role'] !== 'user')
    throw new ApiError(400, 'messages: first message must use the "user" role');
  // A final assistant turn is a prefill, which some models refuse with a 400; the fake answers none.
  if ((messages.at(-1) as Json)['role'] === 'assistant')
    throw unmodelled('assistant prefill (a final assistant message)');
  pairToolResults(messages as Json[]);
}

function checkThinking(value: unknown, maxTokens: number): void {
  const o = object(value, 'thinking');
  const type = tag(o, 'thinking', ['enabled', 'disabled', 'adaptive']);
  const path = at('thinking', type);
  if (type === 'disabled') return onlyKeys(o, path, ['type']);
  onlyKeys(
    o,
    path,
    type === 'enabled'
      ? ['type', 'budget_tokens', 'block_binding', 'display']
      : ['type', 'block_binding', 'display'],
  );
  if (type === 'enabled') {
    // "you set a budget_tokens of at least 1,024" (SDK param docs); it must stay under max_tokens.
    const budget = integer(required(o, 'budget_tokens', path), at(path, 'budget_tokens'));
    if (budget < 1024)
      reject(at(path, 'budget_tokens'), 'Input should be greater than or equal to 1024');
    if (budget >= maxTokens) reject('max_tokens', 'must be greater than thinking.budget_tokens');
  }
}

function checkOutputConfig(value: unknown): void {
  const o = object(value, 'output_config');
  onlyKeys(o, 'output_config', ['effort', 'format', 'task_budget']);
  if (o['effort'] != null)
    oneOf(o['effort'], ['low', 'medium', 'high', 'xhigh', 'max'], 'output_config.effort');
  if (o['format'] != null) throw unmodelled('output_config.format (structured outputs)');
  if (o['task_budget'] != null) throw unmodelled('output_config.task_budget');
}

export function checkRequest(body: unknown, betas: ReadonlySet<string>): CheckedRequest {
  const o = object(body, '');
  onlyKeys(o, '', [...modelled, ...notModelled]);
  for (const key of notModelled) if (o[key] != null) throw unmodelled(`\`${key}\``);
  const walk = newWalk();

  const model = string(required(o, 'model', ''), 'model');
  if (model === '') reject('model', 'String should have at least 1 character');
  const maxTokens = integer(required(o, 'max_tokens', ''), 'max_tokens');
  if (maxTokens < 0) reject('max_tokens', 'Input should be greater than or equal to 0');
  // max_tokens 0 only pre-warms the prompt cache (SDK param docs); the fake does not do that.
  if (maxTokens === 0) throw unmodelled('max_tokens 0 (cache pre-warming)');

  checkMessages(required(o, 'messages', ''), walk);
  if (o['system'] !== undefined) checkSystem(o['system'], walk);
  const toolNames = o['tools'] !== undefined ? checkTools(o['tools'], betas, walk) : [];
  if (o['tool_choice'] !== undefined) checkToolChoice(o['tool_choice'], toolNames);
  if (o['stream'] !== undefined && typeof o['stream'] !== 'boolean')
    reject('stream', 'Input should be a valid boolean');
  if (o['metadata'] !== undefined) {
    const metadata = object(o['metadata'], 'metadata');
    onlyKeys(metadata, 'metadata', ['user_id']);
    if (metadata['user_id'] != null) string(metadata['user_id'], 'metadata.user_id');
  }
  if (o['stop_sequences'] !== undefined) {
    list(o['stop_sequences'], 'stop_sequences').forEach((s, i) =>
      string(s, at('stop_sequences', i)),
    );
  }
  if (o['thinking'] !== undefined) checkThinking(o['thinking'], maxTokens);
  if (o['output_config'] !== undefined) checkOutputConfig(o['output_config']);
  if (o['service_tier'] !== undefined)
    oneOf(o['service_tier'], ['auto', 'standard_only'], 'service_tier');
  if (o['inference_geo'] != null) string(o['inference_geo'], 'inference_geo');
  if (o['speed'] != null) oneOf(o['speed'], ['standard', 'fast'], 'speed');

  const explicit = walk.breakpoints;
  cacheControl(o['cache_control'], 'cache_control', walk);
  const auto = walk.breakpoints > explicit;
  // Real message: https://github.com/tghamm/Anthropic.SDK/issues/50
  if (walk.breakpoints > 4) {
    throw new ApiError(
      400,
      `A maximum of 4 blocks with cache_control may be provided. Found ${walk.breakpoints}.`,
    );
  }
  checkImages(walk);
  const autoTtl =
    auto && isObject(o['cache_control']) && o['cache_control']['ttl'] === '1h' ? '1h' : '5m';
  return { request: o as unknown as MessagesRequest, walk, autoCacheTtl: auto ? autoTtl : null };
}
