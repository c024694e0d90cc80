/**
 * Before an action: may the run act on the site the tab shows now? Asks the
 * user in "Ask before acting" mode, including for a site reached by
 * navigation; a blocked site ends the run.
 */
import { decidePermission, isBlocked, siteOf } from '../extension/site-policy.ts';
import type { Settings } from '../extension/settings.ts';

export class SiteBlockedError extends Error {
  override name = 'SiteBlockedError';
}

export const siteChoices = ['Allow once', 'Always allow', 'Deny'] as const;
export type SiteChoice = (typeof siteChoices)[number];

export interface SiteGuardDeps {
  readonly settings: () => Promise<Settings>;
  readonly url: () => Promise<string>;
  readonly ask: (site: string) => Promise<SiteChoice>;
  readonly allowAlways: (site: string) => Promise<void>;
}

/** Per run: the sites allowed once stay allowed for the rest of the run. */
export class SiteGuard {
  readonly #once = new Set<string>();

  constructor(private readonly deps: SiteGuardDeps) {}

  /**
   * Throws SiteBlockedError when the tab shows a blocked site. Checked before
   * each model call too, so no screenshot of a blocked site is ever sent.
   */
  async checkBlocked(): Promise<void> {
    const [settings, url] = await Promise.all([this.deps.settings(), this.deps.url()]);
    const match = isBlocked(url, settings.blocklist);
    if (match) throw blockedError(url, match.category, match.domain);
  }

  /** Resolves with a refusal reason, or undefined when the action may go ahead. */
  async check(): Promise<string | undefined> {
    const [settings, url] = await Promise.all([this.deps.settings(), this.deps.url()]);
    const decision = decidePermission({
      mode: settings.permissionMode,
      url,
      allowedSites: settings.allowedSites,
      onceAllowed: [...this.#once],
      blocklist: settings.blocklist,
    });
    if (decision === 'allowed') return undefined;
    const site = siteOf(url);
    if (decision === 'blocked' || site === null) {
      const match = isBlocked(url, settings.blocklist);
      if (match) throw blockedError(url, match.category, match.domain);
      throw new SiteBlockedError(`tabpilot does not act on ${url}`);
    }
    const choice = await this.deps.ask(site);
    if (choice === 'Allow once') {
      this.#once.add(site);
      return undefined;
    }
    if (choice === 'Always allow') {
      await this.deps.allowAlways(site);
      return undefined;
    }
    return `The user did not allow tabpilot to act on ${site}. Do not act on this site: stop and tell the user.`;
  }
}

function blockedError(url: string, category: string, domain: string): SiteBlockedError {
  return new SiteBlockedError(
    `${siteOf(url) ?? url} is on your blocklist (${category}: ${domain}); tabpilot does not act there`,
  );
}
