/**
 * Builds the assistant Message a text turn stands for, and its SSE event stream,
 * in the shapes of the SDK's BetaMessage / BetaRawMessageStreamEvent types and
 * the streaming docs (https://docs.anthropic.com/en/api/messages-streaming):
 * message_start, per block content_block_start / _delta… / _stop, a ping,
 * message_delta with the stop reason and usage, message_stop.
 */
import type { CacheUsage } from './cache.ts';
import { newId } from './errors.ts';
import { textTokens } from './tokens.ts';
import type { MessagesRequest, TextTurn } from './types.ts';

type Block =
  | { type: 'text'; text: string; citations: null }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface Reply {
  readonly id: string;
  readonly model: string;
  readonly content: Block[];
  readonly stopReason: string;
  readonly outputTokens: number;
  readonly usage: CacheUsage;
}

/** Turns a policy's turn into the reply, truncating at max_tokens as the model would. */
export function buildReply(req: MessagesRequest, turn: TextTurn, usage: CacheUsage): Reply {
  // Toolsets have no `name`; the fake only accepts tools that do.
  const toolNames = new Set((req.tools ?? []).map((t) => ('name' in t ? t.name : '')));
  for (const use of turn.toolUses ?? []) {
    if (!toolNames.has(use.name))
      throw new Error(`policy used tool '${use.name}', which the request does not define`);
    if (typeof use.input !== 'object' || use.input === null || Array.isArray(use.input)) {
      throw new Error(`policy gave tool '${use.name}' an input that is not an object`);
    }
  }
  let content: Block[] = [];
  if (turn.text) content.push({ type: 'text', text: turn.text, citations: null });
  for (const use of turn.toolUses ?? [])
    content.push({ type: 'tool_use', id: newId('toolu'), name: use.name, input: use.input });
  let stopReason = turn.stopReason ?? (turn.toolUses?.length ? 'tool_use' : 'end_turn');
  // The real API counts at least one output token even for an empty reply.
  let outputTokens = Math.max(
    1,
    content.reduce(
      (n, b) => n + textTokens(b.type === 'text' ? b.text : JSON.stringify(b.input)),
      0,
    ),
  );
  if (outputTokens > req.max_tokens) {
    const text = turn.text?.slice(0, req.max_tokens * 4) ?? '';
    content = text ? [{ type: 'text', text, citations: null }] : [];
    stopReason = 'max_tokens';
    outputTokens = req.max_tokens;
  }
  return { id: newId('msg'), model: req.model, content, stopReason, outputTokens, usage };
}

function usageJson(reply: Reply, outputTokens: number): Record<string, unknown> {
  const u = reply.usage;
  return {
    input_tokens: u.inputTokens,
    cache_creation_input_tokens: u.cacheCreation5m + u.cacheCreation1h,
    cache_read_input_tokens: u.cacheReadTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: u.cacheCreation5m,
      ephemeral_1h_input_tokens: u.cacheCreation1h,
    },
    output_tokens: outputTokens,
    output_tokens_details: null,
    server_tool_use: null,
    iterations: null,
    fallback_credit: null,
    service_tier: 'standard',
    inference_geo: null,
    speed: 'standard',
  };
}

function messageJson(reply: Reply, final: boolean): Record<string, unknown> {
  return {
    id: reply.id,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: final ? reply.content : [],
    stop_reason: final ? reply.stopReason : null,
    stop_sequence: null,
    stop_details: null,
    container: null,
    context_management: null,
    diagnostics: null,
    usage: usageJson(reply, final ? reply.outputTokens : 1),
  };
}

/** The non-streaming response body. */
export function messageBody(reply: Reply): string {
  return JSON.stringify(messageJson(reply, true));
}

/** Splits a string into a few chunks, as deltas arrive. */
function chunks(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function event(name: string, data: Record<string, unknown>): string {
  return `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
}

/** The SSE frames of the streaming response, in order. */
export function streamFrames(reply: Reply): string[] {
  const frames = [event('message_start', { message: messageJson(reply, false) })];
  reply.content.forEach((block, index) => {
    if (block.type === 'text') {
      frames.push(
        event('content_block_start', {
          index,
          content_block: { type: 'text', text: '', citations: null },
        }),
      );
      if (index === 0) frames.push(event('ping', {}));
      for (const text of chunks(block.text, 3)) {
        frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text } }));
      }
    } else {
      const start = { type: 'tool_use', id: block.id, name: block.name, input: {} };
      frames.push(event('content_block_start', { index, content_block: start }));
      if (index === 0) frames.push(event('ping', {}));
      // The docs' example opens a tool input with an empty partial_json.
      for (const partial_json of ['', ...chunks(JSON.stringify(block.input), 3)]) {
        frames.push(
          event('content_block_delta', {
            index,
            delta: { type: 'input_json_delta', partial_json },
          }),
        );
      }
    }
    frames.push(event('content_block_stop', { index }));
  });
  if (reply.content.length === 0) frames.push(event('ping', {}));
  const delta = {
    stop_reason: reply.stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
  };
  frames.push(
    event('message_delta', {
      delta,
      usage: usageJson(reply, reply.outputTokens),
      context_management: null,
    }),
  );
  frames.push(event('message_stop', {}));
  return frames;
}
