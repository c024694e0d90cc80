/**
 * Content-script entry: bundled as an IIFE (content.js) and injected with
 * chrome.scripting.executeScript into every frame of the task's tab, maybe more
 * than once. It only wires the engine and the observers to messaging; they know
 * nothing of messages. Every frame answers FrameApi; the top frame also
 * answers TopFrameApi (content/top-frame.ts).
 *
 * It uses the `chrome` namespace directly rather than webextension-polyfill:
 * Firefox provides `chrome` too, and the polyfill would add about 10 KB to
 * every frame.
 */
import type { FrameApi, TopFrameApi } from '../extension/protocol.ts';
import { dispatch, isEnvelope, type Handlers } from '../extension/messaging.ts';
import { leave, perform, release } from './engine/perform.ts';
import { startObserving } from './observe/handlers.ts';
import { topFrameHandlers } from './top-frame.ts';

declare global {
  // Set in the content script's isolated world, which every injection shares,
  // so a second executeScript finds it; the page cannot see it.
  var __tabpilotContentLoaded: boolean | undefined;
}

type Sender = chrome.runtime.MessageSender;

const frameHandlers = {
  act: ({ action }) => perform(action),
  release: () => release(),
  leave: (what) => leave(what),
} satisfies Handlers<FrameApi, Sender>;

/** The top frame answers both APIs; a child frame only FrameApi (others are unknown methods there). */
const handlers: Handlers<FrameApi, Sender> | Handlers<TopFrameApi, Sender> =
  window === window.top ? { ...frameHandlers, ...topFrameHandlers } : frameHandlers;

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
    void dispatch(handlers as Handlers<FrameApi, Sender>, message, sender).then(sendResponse);
    // Keeps the channel open for the asynchronous reply.
    return true;
  });
}
