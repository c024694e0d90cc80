import assert from 'node:assert/strict';
import { test } from 'node:test';
import { client, dispatch, isEnvelope, type Handlers } from '../../extension/messaging.ts';

type Api = {
  double(request: { n: number }): number;
  fail(request: Record<string, never>): void;
};

const handlers = {
  double: ({ n }) => n * 2,
  fail: () => {
    throw new RangeError('out of range');
  },
} satisfies Handlers<Api, null>;

const send = client<Api>(async (message) => {
  assert.ok(isEnvelope(message));
  return dispatch(handlers, message, null);
});

test('a call returns the handler’s value', async () => {
  assert.equal(await send('double', { n: 21 }), 42);
});

test('a handler’s error is rethrown on the sender’s side with its name', async () => {
  await assert.rejects(send('fail', {}), { name: 'RangeError', message: 'out of range' });
});

test('an unknown method and a silent receiver are errors, not hangs', async () => {
  const reply = await dispatch(
    handlers,
    { channel: 'tabpilot/1', method: 'nope', request: {} },
    null,
  );
  assert.deepEqual(reply, {
    ok: false,
    error: { name: 'TypeError', message: 'Unknown method nope' },
  });
  const silent = client<Api>(async () => undefined);
  await assert.rejects(silent('double', { n: 1 }), /not listening/);
});

test('foreign messages are not envelopes', () => {
  assert.equal(isEnvelope({ method: 'double' }), false);
  assert.equal(isEnvelope(null), false);
  assert.equal(isEnvelope({ channel: 'other', method: 'x' }), false);
});
