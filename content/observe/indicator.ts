/**
 * The in-page sign that tabpilot is driving the tab: a thin border, a label and
 * a Stop button, drawn in a closed shadow root so the page can neither style nor
 * read it.
 *
 * It must not disturb the page: the host is `position: fixed` (no layout shift)
 * and `pointer-events: none` (no hit testing) except for the Stop button, and it
 * is inserted once; showing and hiding flip an attribute inside the closed root,
 * which the page's MutationObservers cannot see. The Stop button is an extension
 * page in an iframe (indicator.html): only the extension's own pages may stop a
 * run, and the page cannot script or fake a cross-origin extension frame.
 */

import { markOwnUi } from './own-ui.ts';

let host: HTMLElement | undefined;
let frame: HTMLElement | undefined;
let hiding: Promise<void> = Promise.resolve();

const css =
  ':host{all:initial!important;position:fixed!important;inset:0!important;z-index:2147483647!important;pointer-events:none!important}' +
  'div{position:absolute;inset:0;box-shadow:inset 0 0 0 3px #d97757;font:600 12px/18px system-ui,sans-serif;color:#fff;text-align:center}' +
  'span{padding:2px 10px;border-radius:0 0 6px 6px;background:#d97757}' +
  'iframe{position:absolute;top:0;right:8px;width:64px;height:26px;border:0;pointer-events:auto;color-scheme:normal}';

function ensureHost(): HTMLElement {
  if (host?.isConnected && frame) return host;
  if (!host) {
    host = document.createElement('tabpilot-indicator');
    markOwnUi(host);
  }
  if (!frame) {
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = `<style>${css}</style><div hidden><span>tabpilot is controlling this tab</span></div>`;
    frame = root.querySelector('div') as HTMLElement;
    // Only the top frame carries the Stop button, and only where extension APIs
    // exist (not in the DOM-tier harness, which runs this code as a page script).
    if (window === window.top && typeof globalThis.chrome?.runtime?.getURL === 'function') {
      const stop = document.createElement('iframe');
      stop.title = 'Stop tabpilot';
      stop.src = chrome.runtime.getURL('indicator.html');
      frame.append(stop);
    }
  }
  // A child of <html>, not <body>: pages that rebuild the body keep it. Appended
  // only when missing: moving the host would reload the Stop button's frame.
  if (!host.isConnected) document.documentElement?.append(host);
  return host;
}

/** Two animation frames: the first runs before the next paint, the second after it. */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    // rAF does not run in a hidden tab; nothing is painted there anyway.
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

/**
 * Shows or hides the indicator. Hiding resolves once a frame without it has
 * been painted, so a captureVisibleTab right after does not show it.
 */
export function indicator(visible: boolean): Promise<void> {
  if (visible) {
    ensureHost();
    if (frame) frame.hidden = false;
    return Promise.resolve();
  }
  if (frame && !frame.hidden) {
    frame.hidden = true;
    hiding = painted();
  }
  return hiding;
}
