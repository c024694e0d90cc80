/**
 * Service worker entry. Listeners are registered synchronously at the top
 * level, as MV3 requires for a worker woken by an event.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { dispatch, isEnvelope, type Handlers } from '../extension/messaging.ts';
import type { BackgroundApi } from '../extension/protocol.ts';
import { runEventsPort } from '../extension/run.ts';
import { settingsView } from '../extension/settings.ts';
import { RunManager } from './run-manager.ts';
import { resumeAlarm } from './run-keepalive.ts';
import { holdAt, reached, releaseAt } from './test-points.ts';
import { loadSettings, saveSettings } from './settings-store.ts';
import { isExtensionPage } from './senders.ts';
import { recordLimits } from './run-store.ts';
import { TabComputer } from './tab-computer.ts';
import { pageMessagesSent } from './page-port.ts';
import { defaultModelId, modelProfile } from '../extension/models.ts';

const runs = new RunManager();

const handlers = {
  startRun: ({ tabId, task }) => runs.start(checkTabId(tabId), String(task)),
  stopRun: ({ runId }) => runs.stop(String(runId)),
  stopRunInThisTab: async (_request, sender) => {
    const [runId] = sender.tab?.id === undefined ? [] : runs.activeRunIds(sender.tab.id);
    return runId ? runs.stop(runId) : null;
  },
  runForTab: ({ tabId }) => runs.forTab(checkTabId(tabId)),
  getSettings: async () => settingsView(await loadSettings()),
  saveSettings: async (input) => settingsView(await saveSettings(input)),
  pauseRun: ({ runId }) => runs.pause(String(runId)),
  takeOver: ({ runId }) => runs.pause(String(runId), true),
  resumeRun: ({ runId }) => runs.resume(String(runId)),
  answer: ({ runId, questionId, choice }) =>
    runs.answer(String(runId), String(questionId), String(choice)),
} satisfies Handlers<BackgroundApi, Runtime.MessageSender>;

function checkTabId(tabId: unknown): number {
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) {
    throw new TypeError(`Not a tab id: ${String(tabId)}`);
  }
  return tabId;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isEnvelope(message)) return undefined;
  if (!isExtensionPage(sender)) {
    // Pages and content scripts may never start, steer or stop a run.
    return Promise.resolve({
      ok: false,
      error: { name: 'PermissionError', message: 'Only tabpilot’s own pages may do this' },
    });
  }
  return dispatch(handlers, message, sender);
});

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== runEventsPort || !port.sender || !isExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  const unsubscribe = runs.subscribe((event) => port.postMessage(event));
  port.onDisconnect.addListener(unsubscribe);
});

// A run follows tabs that its tab opens, and survives the close of one of its tabs.
browser.tabs.onCreated.addListener((tab) => {
  if (tab.id !== undefined) runs.tabOpened(tab.id, tab.openerTabId);
});
browser.tabs.onRemoved.addListener((tabId) => void runs.tabClosed(tabId));

// Downloads happen outside the page: the journal hears of them here.
browser.downloads?.onCreated.addListener((item) => {
  // The file name is often not chosen yet when a download is created: the URL says what it is.
  const url = item.url.startsWith('data:') ? `${item.url.slice(0, 40)}…` : item.url;
  runs.downloadStarted(item.filename || url);
});

// The Stop shortcut (commands API): stops the run in the active tab, else every run.
async function onCommand(command: string, tab?: { id?: number }): Promise<void> {
  if (command !== 'stop-run') return;
  const inTab = tab?.id === undefined ? [] : runs.activeRunIds(tab.id);
  const ids = inTab.length ? inTab : runs.activeRunIds();
  await Promise.all(ids.map((id) => runs.stop(id)));
}
browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));

// A worker woken by anything (the resume alarm, the popup) carries interrupted runs on.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === resumeAlarm) void runs.resumeInterrupted();
});
void runs.resumeInterrupted();

if (__TEST__) {
  // Test-only hooks, compiled out of release builds.
  (globalThis as Record<string, unknown>)['tabpilotTest'] = {
    runs,
    holdAt,
    reached,
    releaseAt,
    /** What the browser calls for a keyboard shortcut (tests cannot press browser shortcuts). */
    onCommand,
    /** Lowers the record limits so a test can see pruning without 50 runs or 200 MB. */
    setRecordLimits: (limits: Partial<typeof recordLimits>) => Object.assign(recordLimits, limits),
    /** A Computer and its page port for a tab, as a run would use them (benchmarks). */
    makeComputer: (tabId: number, model?: string) => {
      const computer = new TabComputer(tabId, modelProfile(model ?? defaultModelId));
      return { port: computer.port, computer };
    },
    /** Messages sent to pages so far by this worker (the bench's messagesPerStep). */
    pageMessagesSent,
  };
}
