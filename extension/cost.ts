/** Estimated dollars for a run's token usage, for the transcript and the cost limit. */
import type { ModelProfile } from './models.ts';
import type { Usage } from './run.ts';

/**
 * US dollars for `usage` at the profile's list prices. Every cache write is priced
 * as a 5-minute write, the only kind tabpilot asks for (`{type: 'ephemeral'}`
 * without a ttl); 1-hour writes cost more
 * (https://platform.claude.com/docs/en/about-claude/pricing#model-pricing).
 * An estimate: batch, regional and long-context surcharges are not applied.
 */
export function costUsd(usage: Usage, profile: ModelProfile): number {
  const price = profile.pricePerMTok;
  const micro =
    usage.inputTokens * price.input +
    usage.cacheCreationInputTokens * price.cacheWrite5m +
    usage.cacheReadInputTokens * price.cacheRead +
    usage.outputTokens * price.output;
  return micro / 1_000_000;
}

/**
 * `$12.34` from a dollar up; below it two significant digits (`$0.35`, `$0.012`,
 * `$0.0042`), since a single step costs fractions of a cent.
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  const sign = usd < 0 ? '-' : '';
  const value = Math.abs(usd);
  if (value === 0) return '$0.00';
  if (value < 0.0001) return `${sign}<$0.0001`;
  if (value >= 0.995) {
    const text = value.toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return `${sign}$${text}`;
  }
  const rounded = Number(value.toPrecision(2));
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(rounded)));
  return `${sign}$${rounded.toFixed(decimals)}`;
}
