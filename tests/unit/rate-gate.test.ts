import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateGate } from '../../background/rate-gate.ts';

test('RateGate spaces calls at least the interval apart', async () => {
  let now = 1000;
  const slept: number[] = [];
  const gate = new RateGate(
    500,
    () => now,
    async (ms) => {
      slept.push(ms);
      now += ms;
    },
  );
  await gate.take();
  await gate.take();
  await gate.take();
  now += 2000;
  await gate.take();
  assert.deepEqual(slept, [500, 500]);
});
