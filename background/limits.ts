/** The run's limits other than steps, checked before each model call. */
import { costUsd, formatUsd } from '../extension/cost.ts';
import type { ModelProfile } from '../extension/models.ts';
import type { Usage } from '../extension/run.ts';

export interface RunLimits {
  readonly maxCostUsd: number;
  readonly maxMinutes: number;
}

/** Why the run must end now, or undefined while it is within its limits. */
export function limitReached(
  usage: Usage,
  profile: ModelProfile,
  startedAt: number,
  now: number,
  limits: RunLimits,
): string | undefined {
  const spent = costUsd(usage, profile);
  if (spent >= limits.maxCostUsd) {
    return `Reached the cost limit of ${formatUsd(limits.maxCostUsd)} (spent about ${formatUsd(spent)})`;
  }
  if (now - startedAt >= limits.maxMinutes * 60_000) {
    return `Reached the time limit of ${limits.maxMinutes} minutes`;
  }
  return undefined;
}
