import assert from 'node:assert/strict';
import { test } from 'node:test';
import { costUsd, formatUsd } from '../../extension/cost.ts';
import { modelProfile } from '../../extension/models.ts';
import { zeroUsage } from '../../extension/run.ts';

test('costUsd prices each kind of token at the profile’s rate per million', () => {
  // Claude Sonnet 5: $2 input, $2.50 cache write, $0.20 cache read, $10 output.
  const sonnet = modelProfile('claude-sonnet-5');
  const usage = {
    inputTokens: 1_000_000,
    cacheCreationInputTokens: 2_000_000,
    cacheReadInputTokens: 10_000_000,
    outputTokens: 100_000,
  };
  assert.equal(costUsd(usage, sonnet), 2 + 5 + 2 + 1);
  assert.equal(costUsd(zeroUsage, sonnet), 0);
  // One step of a long run: 1,400 tokens written, 15,000 read, 30 out.
  const step = {
    ...zeroUsage,
    cacheCreationInputTokens: 1400,
    cacheReadInputTokens: 15_000,
    outputTokens: 30,
  };
  assert.ok(Math.abs(costUsd(step, sonnet) - (1400 * 2.5 + 15_000 * 0.2 + 30 * 10) / 1e6) < 1e-12);
});

test('costUsd follows the model: Haiku 4.5 is $1 / $5', () => {
  const haiku = modelProfile('claude-haiku-4-5');
  assert.equal(
    costUsd({ ...zeroUsage, inputTokens: 500_000, outputTokens: 200_000 }, haiku),
    0.5 + 1,
  );
});

test('formatUsd: cents from a dollar up, two significant digits below', () => {
  assert.equal(formatUsd(0), '$0.00');
  assert.equal(formatUsd(1234.567), '$1,234.57');
  assert.equal(formatUsd(1), '$1.00');
  assert.equal(formatUsd(0.35), '$0.35');
  assert.equal(formatUsd(0.1), '$0.10');
  assert.equal(formatUsd(0.01234), '$0.012');
  assert.equal(formatUsd(0.0042), '$0.0042');
  assert.equal(formatUsd(0.00004), '<$0.0001');
  assert.equal(formatUsd(-0.5), '-$0.50');
  assert.equal(formatUsd(Number.NaN), '—');
});
