/**
 * Content-script entry: bundled as an IIFE (content.js) and injected with
 * chrome.scripting.executeScript into every frame of the task's tab, maybe more
 * than once. It only wires the engine to messaging; the engine knows nothing of
 * messages.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { ContentApi } from '../extension/protocol.ts';
import { dispatch, isEnvelope, type Handlers } from '../extension/messaging.ts';
import { perform, release } from './engine/perform.ts';
import { measure } from './engine/measure.ts';

declare global {
  // Set in the content script's isolated world, which every injection shares,
  // so a second executeScript finds it; the page cannot see it.
  var __tabpilotContentLoaded: boolean | undefined;
}

const handlers = {
  ping: () => ({ version: browser.runtime.getManifest().version }),
  measure: () => measure(),
  perform: ({ action }) => perform(action),
  release: () => release(),
} satisfies Handlers<ContentApi, Runtime.MessageSender>;

/**
 * Only our own background may drive the page: messages from another extension
 * carry a different id, and messages from a content script (ours in another
 * frame, or one a page tricked) carry a `tab`.
 */
function fromOurBackground(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab === undefined;
}

if (!globalThis.__tabpilotContentLoaded) {
  globalThis.__tabpilotContentLoaded = true;
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isEnvelope(message) || !fromOurBackground(sender)) return undefined;
    return dispatch(handlers, message, sender);
  });
}
