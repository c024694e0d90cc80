/**
 * Retries of a model call. The SDK's own retries are off (maxRetries 0) because
 * a stream cut in the middle of a message surfaces after the response began,
 * where the SDK cannot retry; one policy here covers every case.
 */
import Anthropic from '@anthropic-ai/sdk';
import { sleep } from './sleep.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A `retry-after` longer than this is not waited for: the call fails instead. */
  readonly maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

export interface RetryNotice {
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** Why an error is worth another try, or undefined when it is not. */
export function retryReason(error: unknown): string | undefined {
  if (error instanceof Anthropic.APIUserAbortError) return undefined;
  if (error instanceof Anthropic.APIConnectionTimeoutError) return 'the request timed out';
  if (error instanceof Anthropic.APIConnectionError) return 'the connection failed';
  if (error instanceof Anthropic.APIError) {
    const s = error.status;
    if (s === 408 || s === 409 || s === 429 || (s !== undefined && s >= 500)) {
      return `${s} ${error.type ?? ''}`.trim();
    }
    return undefined;
  }
  // A body cut mid-stream (fetch's "terminated"/"network error") or a body that is not JSON.
  if (error instanceof TypeError || error instanceof SyntaxError) return 'the response was cut off';
  if (error instanceof Anthropic.AnthropicError) return 'the response was cut off';
  return undefined;
}

/** `retry-after-ms` or `retry-after` (seconds or an HTTP date), in ms. */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (!(error instanceof Anthropic.APIError) || !error.headers) return undefined;
  const ms = Number(error.headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && error.headers.get('retry-after-ms') !== null) return ms;
  const value = error.headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export async function withRetries<T>(
  call: () => Promise<T>,
  options: {
    readonly policy?: RetryPolicy;
    readonly signal: AbortSignal;
    readonly onRetry?: (notice: RetryNotice) => void;
    readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
    readonly random?: () => number;
  },
): Promise<T> {
  const policy = options.policy ?? defaultRetryPolicy;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const reason = options.signal.aborted ? undefined : retryReason(error);
      if (reason === undefined || attempt >= policy.attempts) throw error;
      const after = retryAfterMs(error);
      if (after !== undefined && after > policy.maxRetryAfterMs) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      // Full jitter keeps many clients from retrying in step.
      const delayMs = after ?? Math.round(backoff * (0.75 + random() * 0.5));
      options.onRetry?.({ attempt, delayMs, reason });
      await wait(delayMs, options.signal);
    }
  }
}
