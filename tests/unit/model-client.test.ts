/**
 * The model client against the strict fake API's fault modes: what is retried
 * (429, 529, 500, resets, timeouts, a stream cut mid-message), what is not
 * (400, 401, 403), and that each ends in an error a user can read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { anthropicModelClient } from '../../background/model-client.ts';
import type { RetryNotice } from '../../background/retry.ts';
import { defaultModelId, modelProfile } from '../../extension/models.ts';
import {
  startFakeAnthropic,
  type FakeAnthropic,
  type Turn,
} from '../support/fake-anthropic/index.ts';

const profile = modelProfile(defaultModelId);
const fastRetries = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };
const request = {
  system: 'sys',
  messages: [{ role: 'user' as const, content: 'hello' }],
  tools: [],
};

describe('model client faults', () => {
  let fake: FakeAnthropic;
  before(async () => {
    fake = await startFakeAnthropic();
  });
  after(() => fake.close());

  /** Plays `faults` then answers "ok"; returns what the client did. */
  async function call(faults: Turn[], timeoutMs = 5000) {
    let n = 0;
    fake.setPolicy(() => faults[n++] ?? { text: 'ok' });
    const before = fake.requests.length;
    const retries: RetryNotice[] = [];
    const client = anthropicModelClient({
      apiKey: 'sk-ant-test-key',
      baseUrl: fake.url,
      profile,
      retry: fastRetries,
      timeoutMs,
    });
    let text = '';
    const result = await client
      .next(request, {
        signal: new AbortController().signal,
        onText: (d) => (text += d),
        onRetry: (r) => {
          retries.push(r);
          text = '';
        },
      })
      .then(
        (m) => ({ ok: true as const, m }),
        (e: unknown) => ({ ok: false as const, e: e as Error }),
      );
    return { result, retries, text, requests: fake.requests.length - before };
  }

  for (const [name, fault] of [
    ['429 rate limit', { error: { status: 429, type: 'rate_limit_error', message: 'slow down' } }],
    ['529 overloaded', { error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } }],
    ['500 api error', { error: { status: 500, type: 'api_error', message: 'boom' } }],
    ['a reset connection', { fault: 'reset' }],
    ['a stream cut mid-message', { fault: 'cut-stream' }],
  ] as const) {
    test(`${name} is retried and the call then succeeds`, async () => {
      const r = await call([fault as Turn]);
      assert.ok(r.result.ok, r.result.ok ? '' : r.result.e.message);
      assert.equal(r.requests, 2);
      assert.equal(r.retries.length, 1);
      assert.equal(r.text, 'ok');
    });
  }

  test('retry-after is honoured', async () => {
    const r = await call([
      { error: { status: 429, type: 'rate_limit_error', message: 'x' }, retryAfter: 1 },
    ]);
    assert.ok(r.result.ok);
    assert.equal(r.retries[0]?.delayMs, 1000);
  });

  test('a retry-after longer than we wait fails at once with the reason', async () => {
    const r = await call([
      { error: { status: 429, type: 'rate_limit_error', message: 'later' }, retryAfter: 600 },
    ]);
    assert.ok(!r.result.ok);
    assert.equal(r.requests, 1);
    assert.equal(r.result.e.name, 'ApiUnavailableError');
    assert.match(r.result.e.message, /429 rate_limit_error.*later/);
  });

  test('a request that hangs times out and is retried', async () => {
    const r = await call([{ fault: 'hang' }], 500);
    assert.ok(r.result.ok);
    assert.equal(r.retries[0]?.reason, 'the request timed out');
  });

  test('a fault that persists fails after the last attempt with a clear message', async () => {
    const e500 = { error: { status: 500, type: 'api_error', message: 'still broken' } } as const;
    const r = await call([e500, e500, e500, e500, e500]);
    assert.ok(!r.result.ok);
    assert.equal(r.requests, fastRetries.attempts);
    assert.equal(r.result.e.message, 'The API kept failing (500 api_error): still broken');
  });

  for (const [status, type, pattern] of [
    [400, 'invalid_request_error', /^The API rejected the request \(400\)/],
    [401, 'authentication_error', /^The API key was rejected \(401 authentication_error\)/],
    [403, 'permission_error', /^The API refused this request \(403\)/],
  ] as const) {
    test(`${status} is not retried and explains itself`, async () => {
      const r = await call([{ error: { status, type, message: 'no' } }]);
      assert.ok(!r.result.ok);
      assert.equal(r.requests, 1);
      assert.equal(r.retries.length, 0);
      assert.equal(r.result.e.name, 'ApiRejectedError');
      assert.match(r.result.e.message, pattern);
    });
  }

  test('a body that is not JSON is retried', async () => {
    const r = await call([{ fault: 'bad-json' }]);
    assert.ok(r.result.ok, r.result.ok ? '' : r.result.e.message);
    assert.equal(r.requests, 2);
  });
});
