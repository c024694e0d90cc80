/** Answers a valid request with the policy's turn: a message, an error, or a fault. */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { CachePlan } from './cache.ts';
import { ApiError, errorBody, errorTypeForStatus } from './errors.ts';
import { buildReply, messageBody, streamFrames } from './respond.ts';
import type { MessagesRequest, RecordedRequest, Turn } from './types.ts';

/** Sent as `anthropic-organization-id`, which every API response carries (https://docs.anthropic.com/en/api/getting-started). */
export const organizationId = '00000000-0000-4000-8000-00000000fa4e';

export interface Exchange {
  readonly turn: Turn;
  readonly request: MessagesRequest;
  readonly plan: CachePlan;
  readonly record: RecordedRequest;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly send: (status: number, body: string, headers?: OutgoingHttpHeaders) => void;
  readonly cors: OutgoingHttpHeaders;
}

/** True when the fault was answered in full here; false for 'cut-stream', which sends a partial reply. */
function fault(
  x: Exchange,
  kind: 'cut-stream' | 'hang' | 'reset' | 'bad-json',
  stream: boolean,
): boolean {
  switch (kind) {
    case 'reset':
      x.req.socket.destroy();
      return true;
    case 'hang':
      return true;
    case 'bad-json':
      if (stream) {
        const frame = 'event: message_start\ndata: {"type":"message_start","message":\n\n';
        x.send(200, frame, { ...x.cors, 'content-type': 'text/event-stream' });
      } else {
        x.send(200, '{"id":"msg_', { ...x.cors, 'content-type': 'application/json' });
      }
      return true;
    case 'cut-stream':
      return false;
  }
}

export function answer(x: Exchange): void {
  const { turn, request, record, res } = x;
  const stream = request.stream === true;
  if ('error' in turn) {
    const { status, type, message } = turn.error;
    const retry = turn.retryAfter === undefined ? {} : { 'retry-after': String(turn.retryAfter) };
    const body = errorBody(
      type || (errorTypeForStatus[status] ?? 'api_error'),
      message,
      record.requestId,
    );
    return x.send(status, body, { ...x.cors, 'content-type': 'application/json', ...retry });
  }
  const cut = 'fault' in turn;
  if (cut && fault(x, turn.fault, stream)) return;
  let reply;
  try {
    reply = buildReply(
      request,
      cut ? { text: 'This reply is cut off before its end.' } : turn,
      x.plan.usage,
    );
  } catch (e) {
    throw new ApiError(
      500,
      `fake-anthropic: policy turn ${record.turn ?? 0} is invalid: ${(e as Error).message}`,
    );
  }
  // The prompt is cached once the response begins (prompt-caching docs).
  x.plan.commit();
  record.status = 200;
  const headers = {
    'request-id': record.requestId,
    'anthropic-organization-id': organizationId,
    ...x.cors,
  };
  if (!stream) {
    const body = messageBody(reply);
    res.writeHead(200, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    if (cut) res.write(body.slice(0, body.length >> 1), () => res.destroy());
    else res.end(body);
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
  });
  const frames = streamFrames(reply);
  for (const frame of cut ? frames.slice(0, frames.length >> 1) : frames) res.write(frame);
  if (cut) res.write('', () => res.destroy());
  else res.end();
}
