/**
 * The safety gate of a run: the site guard and the blocklist, the user's yes
 * before an action the page shows to be risky, and the check for page text
 * aimed at an AI agent. Whatever needs the user goes through `ask`.
 */
import type { PageAction } from '../extension/actions.ts';
import type { Question } from '../extension/run.ts';
import type { Settings } from '../extension/settings.ts';
import { addAllowedSite, isBlocked } from '../extension/site-policy.ts';
import type { ActiveRun } from './active-run.ts';
import type { GuardVerdict } from './agent-loop.ts';
import { StoppedError } from './errors.ts';
import { detectInjection } from './injection-detector.ts';
import { riskChoices } from './risk-guard.ts';
import { loadSettings, saveSettings } from './settings-store.ts';
import { SiteBlockedError, SiteGuard, siteChoices, type SiteChoice } from './site-guard.ts';
import type { TabComputer } from './tab-computer.ts';

/** Asks the run's user and resolves with the choice. */
export type Ask = (question: Omit<Question, 'id'>) => Promise<string>;

const injectionChoices = ['Continue', 'Stop'] as const;

/** A run does not start on a site of the blocklist. */
export async function refuseBlockedSite(
  computer: TabComputer,
  blocklist: Settings['blocklist'],
): Promise<void> {
  const blocked = isBlocked((await computer.currentUrl()) ?? '', blocklist);
  if (blocked) {
    throw new SiteBlockedError(
      `This site is on your blocklist (${blocked.category}: ${blocked.domain}); tabpilot does not act there`,
    );
  }
}

/** The run's site guard: sites allowed once stay allowed for the run; "Always allow" is saved. */
export function siteGuard(computer: TabComputer, ask: Ask): SiteGuard {
  return new SiteGuard({
    settings: loadSettings,
    url: async () => (await computer.currentUrl()) ?? '',
    ask: async (site) =>
      (await ask({
        kind: 'site',
        title: `Allow tabpilot to act on ${site}?`,
        detail: `Claude wants to act on ${site}. Allow it once for this run, always, or deny.`,
        choices: siteChoices,
      })) as SiteChoice,
    allowAlways: async (site) => {
      const settings = await loadSettings();
      await saveSettings({ allowedSites: addAllowedSite(settings.allowedSites, site) });
    },
  });
}

/** Before actions: may the run act on this site, and does the user approve a risky action? */
export async function approveActions(
  run: ActiveRun,
  actions: readonly PageAction<'model'>[],
  ask: Ask,
): Promise<GuardVerdict> {
  const refusal = await run.sites.check();
  if (refusal) return { allow: false, reason: refusal };
  return approveRisk(run.computer, actions, ask);
}

/** Before a model call: no screenshot of a blocked site leaves, and page text is checked. */
export async function checkPage(run: ActiveRun, ask: Ask): Promise<void> {
  await run.sites.checkBlocked();
  await checkInjection(run, ask);
}

/** Asks the user before an action the page shows to be risky (buy, delete, password...). */
async function approveRisk(
  computer: TabComputer,
  actions: readonly PageAction<'model'>[],
  ask: Ask,
): Promise<GuardVerdict> {
  const risk = await computer.findRisk(actions);
  if (!risk) return { allow: true };
  const image = risk.at ? await computer.markedScreenshot(risk.at) : undefined;
  const choice = await ask({
    kind: 'risky',
    title: 'Approve this action?',
    detail: risk.reason,
    choices: riskChoices,
    ...(image ? { image } : {}),
  });
  if (choice === 'Approve') return { allow: true };
  return {
    allow: false,
    reason: `The user declined this action (${risk.reason}). Do not try it another way; ask the user what to do.`,
  };
}

/**
 * Looks for instructions aimed at an AI agent in the page's text (visible and
 * hidden) and in what the page flashed since the last step. A finding pauses
 * the run until the user says Continue or Stop; the same text is not asked about twice.
 */
async function checkInjection(run: ActiveRun, ask: Ask): Promise<void> {
  const fragments = await run.computer.pageText();
  const journal = run.computer.takeJournal().map((text) => ({ text, source: 'journal' }));
  const result = detectInjection([...fragments, ...journal]);
  if (!result.found) return;
  const key = result.excerpts.map((e) => e.text).join('\n');
  if (run.acknowledged.has(key)) return;
  const choice = await ask({
    kind: 'injection',
    title: 'This page may be trying to give Claude orders',
    detail: result.excerpts.map((e) => `“${e.text}” (${e.why})`).join('\n'),
    choices: injectionChoices,
  });
  if (choice === 'Stop') throw new StoppedError();
  run.acknowledged.add(key);
}
