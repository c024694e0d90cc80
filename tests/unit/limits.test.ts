import assert from 'node:assert/strict';
import { test } from 'node:test';
import { limitReached } from '../../background/limits.ts';
import { costUsd } from '../../extension/cost.ts';
import { modelProfile, defaultModelId } from '../../extension/models.ts';
import { zeroUsage } from '../../extension/run.ts';

const profile = modelProfile(defaultModelId);
const usage = { ...zeroUsage, inputTokens: 1_000_000, outputTokens: 10_000 };

test('within limits: no reason', () => {
  assert.equal(
    limitReached(usage, profile, 0, 60_000, { maxCostUsd: 100, maxMinutes: 30 }),
    undefined,
  );
});

test('the cost limit names the limit and what was spent', () => {
  const spent = costUsd(usage, profile);
  assert.ok(spent > 0.5);
  assert.match(
    limitReached(usage, profile, 0, 0, { maxCostUsd: 0.5, maxMinutes: 30 }) ?? '',
    /^Reached the cost limit of \$0\.50 \(spent about \$\d/,
  );
});

test('the time limit counts from the start of the run', () => {
  const limits = { maxCostUsd: 100, maxMinutes: 2 };
  assert.equal(limitReached(zeroUsage, profile, 1000, 1000 + 119_999, limits), undefined);
  assert.equal(
    limitReached(zeroUsage, profile, 1000, 1000 + 120_000, limits),
    'Reached the time limit of 2 minutes',
  );
});
