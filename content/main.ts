/**
 * Content-script entry: bundled as an IIFE (content.js) and injected with
 * chrome.scripting.executeScript into every frame of the task's tab, maybe more
 * than once. It only wires the engine and the observers to messaging; they know
 * nothing of messages. Parts only some frames need come later, into the same
 * world (engine/on-demand.ts).
 *
 * It uses the `chrome` namespace directly rather than webextension-polyfill:
 * Firefox provides `chrome` too, and the polyfill would cost about 10 KB in
 * every frame.
 */
import type { ContentApi } from '../extension/protocol.ts';
import { dispatch, isEnvelope, type Handlers } from '../extension/messaging.ts';
import { loadedModules } from './engine/on-demand.ts';
import { leave, perform, release } from './engine/perform.ts';
import { measure } from './engine/measure.ts';
import { observeHandlers, startObserving } from './observe/handlers.ts';

declare global {
  // Set in the content script's isolated world, which every injection shares,
  // so a second executeScript finds it; the page cannot see it.
  var __tabpilotContentLoaded: boolean | undefined;
}

type Sender = chrome.runtime.MessageSender;

const handlers = {
  ping: () => ({ version: chrome.runtime.getManifest().version, modules: loadedModules() }),
  measure: () => measure(),
  perform: ({ action }) => perform(action),
  release: () => release(),
  leave: (what) => leave(what),
  ...observeHandlers,
} satisfies Handlers<ContentApi, Sender>;

/**
 * Only our own background may drive the page: messages from another extension
 * carry a different id, and messages from a content script (ours in another
 * frame, or one a page tricked) carry a `tab`.
 */
function fromOurBackground(sender: Sender): boolean {
  return sender.id === chrome.runtime.id && sender.tab === undefined;
}

if (!globalThis.__tabpilotContentLoaded) {
  globalThis.__tabpilotContentLoaded = true;
  startObserving();
  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isEnvelope(message) || !fromOurBackground(sender)) return false;
    void dispatch(handlers, message, sender).then(sendResponse);
    // Keeps the channel open for the asynchronous reply.
    return true;
  });
}
