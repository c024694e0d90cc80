/**
 * Prompt-cache simulation, after https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching:
 * a cache_control breakpoint caches the whole prefix up to it (tools, system,
 * messages); entries live 5 minutes (1 hour with ttl "1h") and each read refreshes
 * them; prefixes shorter than the model's minimum are not cached. A later request
 * reads the longest cached prefix it shares, looking back at most 20 blocks from
 * each breakpoint (the 20-block figure as quoted by a secondary source).
 */
import { createHash } from 'node:crypto';
import type { PromptElement } from './tokens.ts';

export interface CacheUsage {
  readonly inputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheCreation5m: number;
  readonly cacheCreation1h: number;
}

/** Usage for one request, and the cache writes to make once its response starts. */
export interface CachePlan {
  readonly usage: CacheUsage;
  commit(): void;
}

const ttlMs = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;
const lookback = 20;

/**
 * Minimum cacheable prompt length by model. Opus 4.6/4.5 and Haiku 4.5: 4096;
 * Haiku 3.5/3: 2048; Sonnet 4.x, Opus 4/4.1, Sonnet 3.7: 1024 (the docs table as
 * quoted in https://github.com/anthropics/anthropic-sdk-python/issues/1194).
 * Opus 4.7: 2048 and Opus 5 / Fable 5 / Mythos 5: 512 come from secondary sources.
 */
export function minCacheableTokens(model: string): number {
  const table: [RegExp, number][] = [
    [/opus-4-[56]|haiku-4-5/, 4096],
    [/opus-4-7|haiku-3/, 2048],
    [/(opus|fable|mythos)-5(?!-5)/, 512],
  ];
  return table.find(([pattern]) => pattern.test(model))?.[1] ?? 1024;
}

interface Entry {
  expiresAt: number;
  ttl: '5m' | '1h';
}

export class PromptCache {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  plan(model: string, elements: readonly PromptElement[]): CachePlan {
    const now = this.now();
    const hashes: string[] = [];
    const cumulative: number[] = [];
    let hash = createHash('sha256').update(model).digest('hex');
    let total = 0;
    for (const element of elements) {
      hash = createHash('sha256').update(hash).update(element.key).digest('hex');
      total += element.tokens;
      hashes.push(hash);
      cumulative.push(total);
    }
    const upTo = (i: number): number => (i < 0 ? 0 : (cumulative[i] ?? 0));
    const live = (i: number): Entry | undefined => {
      const entry = this.#entries.get(hashes[i] ?? '');
      return entry && entry.expiresAt > now ? entry : undefined;
    };

    const breakpoints = elements.flatMap((e, i) => (e.breakpoint ? [i] : []));
    let readEnd = -1;
    for (const b of breakpoints) {
      for (let p = b; p >= Math.max(0, b - lookback + 1); p--) {
        if (live(p)) {
          readEnd = Math.max(readEnd, p);
          break;
        }
      }
    }

    const minimum = minCacheableTokens(model);
    const writes = breakpoints.filter((b) => b > readEnd && upTo(b) >= minimum);
    let creation5m = 0;
    let creation1h = 0;
    let from = readEnd;
    for (const b of writes) {
      const tokens = upTo(b) - upTo(from);
      if (elements[b]?.breakpoint === '1h') creation1h += tokens;
      else creation5m += tokens;
      from = b;
    }
    const cacheReadTokens = upTo(readEnd);
    const usage: CacheUsage = {
      inputTokens: total - cacheReadTokens - creation5m - creation1h,
      cacheReadTokens,
      cacheCreation5m: creation5m,
      cacheCreation1h: creation1h,
    };
    const commit = (): void => {
      const at = this.now();
      const refreshed = breakpoints
        .filter((b) => b <= readEnd)
        .concat(readEnd >= 0 ? [readEnd] : []);
      for (const i of refreshed) {
        const entry = live(i);
        if (entry) entry.expiresAt = at + ttlMs[entry.ttl];
      }
      for (const b of writes) {
        const ttl = elements[b]?.breakpoint ?? '5m';
        this.#entries.set(hashes[b] ?? '', { ttl, expiresAt: at + ttlMs[ttl] });
      }
    };
    return { usage, commit };
  }
}
