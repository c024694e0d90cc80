/**
 * Which sites a run may act on: the permission mode, the sites the user allowed and the
 * blocklist. Pure: the background asks this before each action and the options page uses
 * it to show and edit the lists. The default blocklist is data in extension/blocklist-table.ts.
 */
import { blockCategories, type BlockCategory } from './blocklist-table.ts';

/** How the run treats a site it has not been allowed on yet. The labels are shown in the UI. */
export const permissionModes = {
  ask: { label: 'Ask before acting' },
  auto: { label: 'Act without asking' },
} as const;

export type PermissionMode = keyof typeof permissionModes;

export const defaultPermissionMode: PermissionMode = 'ask';

/** The user's blocklist: domain entries per category. An absent category blocks nothing. */
export type Blocklist = { readonly [C in BlockCategory]?: readonly string[] };

export function defaultBlocklist(): Blocklist {
  const out: { [C in BlockCategory]?: readonly string[] } = {};
  for (const c of Object.keys(blockCategories) as BlockCategory[]) {
    out[c] = [...blockCategories[c].domains];
  }
  return out;
}

function hostOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // URL already lowercases and punycodes; a trailing dot names the same host.
  return u.hostname.replace(/\.$/, '') || null;
}

/**
 * The key a site permission is stored under: the lowercase host without `www.`, no port;
 * null for anything but http(s). Deliberately not the registrable domain: allowing
 * `mail.example.com` says nothing about `pay.example.com`, and getting eTLD+1 right needs the
 * Public Suffix List (`github.io`, `co.uk`).
 */
export function siteOf(url: string): string | null {
  const host = hostOf(url);
  return host === null ? null : host.replace(/^www\./, '');
}

/**
 * Turns what the user typed into the blocklist editor (`https://www.Bank.com/login`,
 * `*.gov.uk`, `bücher.de`) into a canonical entry, or null when it is not a domain.
 */
export function normalizeDomainEntry(input: string): string | null {
  let s = input.trim().toLowerCase();
  const wildcard = s.startsWith('*.');
  if (wildcard) s = s.slice(2);
  s = s
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '');
  // Letters, digits, dots and hyphens only: rejects `a b.com`, `user@host`, IPv6 literals.
  if (!/^[\p{L}\p{N}.-]+$/u.test(s)) return null;
  let host: string;
  try {
    host = new URL(`http://${s}`).hostname; // punycodes IDNs so entries compare with URLs
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  // A bare label is fine only as a suffix rule (`*.gov`); `localhost` alone is not a site.
  if (host === '' || (!wildcard && !host.includes('.'))) return null;
  return wildcard ? `*.${host}` : host;
}

function entryHost(entry: string): string {
  return (normalizeDomainEntry(entry) ?? entry.trim().toLowerCase()).replace(/^\*\./, '');
}

function hostMatches(host: string, domain: string): boolean {
  return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
}

export interface BlockMatch {
  readonly category: BlockCategory;
  /** The blocklist entry that matched, as the user wrote it. */
  readonly domain: string;
}

/**
 * The blocklist entry that covers `url`, if any; the most specific entry wins so the message
 * names the rule the user would edit. Non-http(s) URLs are not blocklist matters (see
 * `decidePermission`).
 */
export function isBlocked(url: string, blocklist: Blocklist): BlockMatch | null {
  const host = hostOf(url);
  if (host === null) return null;
  let best: (BlockMatch & { length: number }) | null = null;
  for (const category of Object.keys(blockCategories) as BlockCategory[]) {
    for (const domain of blocklist[category] ?? []) {
      const d = entryHost(domain);
      if (hostMatches(host, d) && (best === null || d.length > best.length)) {
        best = { category, domain, length: d.length };
      }
    }
  }
  return best && { category: best.category, domain: best.domain };
}

export type PermissionDecision = 'allowed' | 'ask' | 'blocked';

export interface PermissionQuery {
  readonly mode: PermissionMode;
  readonly url: string;
  /** Sites the user chose "always allow" for, as `siteOf` keys. */
  readonly allowedSites: readonly string[];
  /** Sites the user chose "allow once" for in this run, as `siteOf` keys. */
  readonly onceAllowed: readonly string[];
  readonly blocklist: Blocklist;
}

/**
 * Whether the run may act on `url` now. The blocklist beats every allowance, and pages that
 * are not http(s) (`chrome://`, `file:`, `about:`) are never acted on.
 * Allowed sites match exactly: a subdomain is a new site the user is asked about.
 */
export function decidePermission(q: PermissionQuery): PermissionDecision {
  const site = siteOf(q.url);
  if (site === null || isBlocked(q.url, q.blocklist) !== null) return 'blocked';
  if (q.mode === 'auto') return 'allowed';
  return q.allowedSites.includes(site) || q.onceAllowed.includes(site) ? 'allowed' : 'ask';
}

/** The allowed-sites list after the user removes `site` in settings. */
export function removeAllowedSite(allowedSites: readonly string[], site: string): string[] {
  return allowedSites.filter((s) => s !== site);
}

/** The allowed-sites list after "always allow this site"; no duplicates, sorted for display. */
export function addAllowedSite(allowedSites: readonly string[], site: string): string[] {
  return [...new Set([...allowedSites, site])].sort();
}
