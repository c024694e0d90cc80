/** Small helpers the behaviour definitions share. */
import type { Page } from 'puppeteer-core';
import type { LogEntry } from '../../support/page-log.ts';
import type { RunOutput } from '../behaviour.ts';

export { seq } from '../../support/page-log.ts';

/** The log entries of `types` (all when omitted), optionally only at `target`. */
export function events(r: RunOutput, types?: readonly string[], target?: string): LogEntry[] {
  return r.log.filter(
    (e) => (!types || types.includes(e.type)) && (target === undefined || e.target === target),
  );
}

export function clicks(r: RunOutput): Record<string, number> {
  return (r.state.app['clicks'] ?? {}) as Record<string, number>;
}

/** Focuses an element by script (setup: not part of the compared log). */
export function focus(selector: string): (page: Page) => Promise<void> {
  return async (page) => {
    await page.$eval(selector, (el) => (el as HTMLElement).focus());
  };
}

/** Puts a text control's caret (or selection) somewhere, by script, and focuses it. */
export function caret(selector: string, start: number, end = start): (page: Page) => Promise<void> {
  return async (page) => {
    await page.$eval(
      selector,
      (el, s, e) => {
        const c = el as HTMLInputElement;
        c.focus();
        c.setSelectionRange(s < 0 ? c.value.length : s, e < 0 ? c.value.length : e);
        // setSelectionRange queues a `select` event: let it fire before the log is cleared.
        return new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok)));
      },
      start,
      end,
    );
  };
}

export const mouseTypes = [
  'pointerover',
  'pointerenter',
  'pointerout',
  'pointerleave',
  'pointermove',
  'pointerdown',
  'pointerup',
  'mouseover',
  'mouseenter',
  'mouseout',
  'mouseleave',
  'mousemove',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
];

export const keyTypes = ['keydown', 'keypress', 'beforeinput', 'input', 'keyup'];
