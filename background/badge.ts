/** The toolbar badge on the run's tab: running, paused, or waiting for the user. */
import browser from 'webextension-polyfill';

export type BadgeState = 'running' | 'paused' | 'waiting' | null;

const looks = {
  running: { text: 'ON', color: '#2563eb', title: 'tabpilot is working in this tab' },
  paused: { text: 'II', color: '#6b7280', title: 'tabpilot is paused' },
  waiting: { text: '?', color: '#d97706', title: 'tabpilot is waiting for your answer' },
} as const;

/** Updates per tab run one after another, so a later state never loses to an earlier one. */
const queues = new Map<number, Promise<void>>();

export function setBadge(tabId: number, state: BadgeState): Promise<void> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(() => apply(tabId, state));
  queues.set(tabId, next);
  void next.then(() => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  });
  return next;
}

async function apply(tabId: number, state: BadgeState): Promise<void> {
  try {
    if (state === null) {
      await browser.action.setBadgeText({ tabId, text: '' });
      await browser.action.setTitle({ tabId, title: 'tabpilot' });
      return;
    }
    const look = looks[state];
    await browser.action.setBadgeBackgroundColor({ tabId, color: look.color });
    await browser.action.setBadgeText({ tabId, text: look.text });
    await browser.action.setTitle({ tabId, title: look.title });
  } catch {
    // The tab is gone: nothing to show.
  }
}
