/**
 * A run follows its tabs: into a tab its tab opened, and back to its previous
 * tab when the one it works in closes. Its tabs stay together in one tab group.
 */
import { setBadge } from './badge.ts';
import type { ActiveRun } from './active-run.ts';
import type { RunTranscript } from './run-transcript.ts';
import type { TabComputer } from './tab-computer.ts';

/** Tracks the tab a run moved to, and keeps the run's tabs together. */
export function followTab(run: ActiveRun, transcript: RunTranscript): void {
  const tabId = run.computer.tabId;
  if (run.view.tabId === tabId) return;
  const previous = run.view.tabId;
  run.view.tabId = tabId;
  void setBadge(previous, null);
  transcript.changed(run);
  void groupTabs(run.computer.tabs);
}

/**
 * A tab closed. A run that was working in it goes on in the last other tab it
 * worked in; `lost` when none is left (the caller ends the run).
 */
export function tabClosed(
  run: ActiveRun,
  transcript: RunTranscript,
  tabId: number,
): ReturnType<TabComputer['tabClosed']> {
  const change = run.computer.tabClosed(tabId);
  if (change !== 'moved') return change;
  run.note = `The tab you were working in was closed; you are now in the run's previous tab.`;
  transcript.add(run, {
    kind: 'status',
    text: 'The tab was closed; carrying on in the previous tab.',
  });
  followTab(run, transcript);
  return change;
}

/** Keeps a run's tabs in one tab group (Chrome only; Firefox has no tab groups). */
async function groupTabs(tabIds: readonly number[]): Promise<void> {
  if (tabIds.length < 2 || typeof chrome === 'undefined' || !chrome.tabs?.group) return;
  await chrome.tabs.group({ tabIds: [...tabIds] as [number, ...number[]] }).catch(() => undefined);
}
