/**
 * Error shapes and ids as the real API sends them.
 * https://docs.claude.com/en/api/errors — every error is
 * `{"type":"error","error":{"type","message"},"request_id"}` and every response
 * carries a `request-id` header.
 */
import { randomBytes } from 'node:crypto';

/** Status → error type, from the errors page's table. */
export const errorTypeForStatus: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** A rejection the fake answers with the real error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = errorTypeForStatus[status] ?? 'invalid_request_error',
  ) {
    super(message);
  }
}

/** 400 for a request the fake refuses because it does not simulate that feature. */
export function unmodelled(what: string): ApiError {
  return new ApiError(400, `fake-anthropic: ${what} is not modelled by the fake`);
}

export function errorBody(type: string, message: string, requestId: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId });
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Opaque id like the real ones (`req_011C…`, `msg_01…`, `toolu_01…`). */
export function newId(prefix: 'req' | 'msg' | 'toolu'): string {
  const bytes = randomBytes(24);
  let tail = '';
  for (const b of bytes) tail += alphabet[b % alphabet.length];
  return `${prefix}_01${tail}`;
}
