/** The UI's one way into the extension: typed calls to the background and the run stream. */
import browser from 'webextension-polyfill';
import { client } from '../extension/messaging.ts';
import type { BackgroundApi } from '../extension/protocol.ts';
import { runEventsPort, type RunEvent } from '../extension/run.ts';

export const call = client<BackgroundApi>((message) => browser.runtime.sendMessage(message));

/** Streams run events until the returned function is called. */
export function onRunEvents(listener: (event: RunEvent) => void): () => void {
  const port = browser.runtime.connect({ name: runEventsPort });
  port.onMessage.addListener((message: unknown) => listener(message as RunEvent));
  return () => port.disconnect();
}

/** The tab the popup or side panel acts on: the active tab of its window. */
export async function activeTab(): Promise<{ id: number; url: string; title: string } | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab || tab.id === undefined) return null;
  return { id: tab.id, url: tab.url ?? '', title: tab.title ?? '' };
}

export function openSettings(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
