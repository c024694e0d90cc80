/**
 * Feeds the journal: messages that come and go between screenshots, dialogs,
 * URL changes. Everything here is driven by events and mutation records (no
 * timers), so a quiet page costs nothing.
 */
import { squash } from './deep.ts';
import { isOwnUi } from './own-ui.ts';
import { record } from './journal.ts';
import { dialogEvent, type DialogReport } from '../page-world/dialogs.ts';

/** Regions whose changes screen readers announce (https://www.w3.org/TR/wai-aria-1.2/#aria-live). */
const live = '[aria-live]:not([aria-live=off]),[role=alert],[role=status],[role=log],output';
/** Transient messages by the class names sites give them. */
const toast = '[class*=toast i],[class*=snackbar i],[class*=notification i],[class*=flash i]';
const regions = `${live},${toast}`;
const modals = 'dialog[open],[role=dialog],[role=alertdialog]';
/** Unnamed fixed or absolute popups that vanish within this long were toasts too. */
const toastLifeMs = 10_000;

const lastText = new WeakMap<Element, string>();
const popups = new Map<Element, number>();
let href = '';

function textOf(el: Element): string {
  return squash(el instanceof HTMLElement ? el.innerText : (el.textContent ?? ''));
}

function kindOf(el: Element): 'alert' | 'toast' | 'live' {
  if (el.matches('[role=alert],[aria-live=assertive]')) return 'alert';
  return el.matches(toast) ? 'toast' : 'live';
}

/** Records a region's text when it changed and people (or screen readers) can perceive it. */
function regionChanged(el: Element): void {
  const text = textOf(el);
  if (!text || lastText.get(el) === text || !el.checkVisibility()) return;
  lastText.set(el, text);
  record(kindOf(el), text);
}

function checkUrl(): void {
  if (location.href === href) return;
  href = location.href;
  record('navigation', `URL changed to ${href}`);
}

/** A fixed or absolute element that was added, small enough to be a message. */
function maybePopup(el: Element): void {
  if (!el.textContent?.trim()) return;
  const { position } = getComputedStyle(el);
  if (position !== 'fixed' && position !== 'absolute') return;
  if (el.querySelectorAll('a,button,input,select,textarea').length > 2) return;
  popups.set(el, Date.now());
}

/** Popups that left the page within `toastLifeMs` of arriving are recorded as toasts. */
function checkPopups(): void {
  const now = Date.now();
  for (const [el, at] of popups) {
    if (now - at > toastLifeMs) popups.delete(el);
    else if (!el.isConnected) {
      popups.delete(el);
      const text = squash(el.textContent ?? '');
      if (text.length <= 200) record('toast', text);
    }
  }
}

function onMutations(records: MutationRecord[]): void {
  checkUrl();
  const changed = new Set<Element>();
  for (const r of records) {
    const target = r.target instanceof Element ? r.target : r.target.parentElement;
    if (!target || isOwnUi(target)) continue;
    if (r.attributeName === 'open' && target instanceof HTMLDialogElement && target.open) {
      record('dialog', `dialog: ${textOf(target)}`);
    }
    const region = target.closest(regions);
    if (region) changed.add(region);
    for (const n of r.addedNodes) {
      if (!(n instanceof Element) || isOwnUi(n)) continue;
      const inner = [n, ...n.querySelectorAll(`${regions},${modals}`)];
      for (const el of inner) {
        if (!el.matches(modals)) {
          if (el.matches(regions)) changed.add(el);
        } else if (el.checkVisibility()) record('dialog', `dialog: ${textOf(el)}`);
      }
      if (!n.matches(regions)) maybePopup(n);
    }
  }
  for (const el of changed) regionChanged(el);
  checkPopups();
}

function onDialog(e: Event): void {
  let d: Partial<DialogReport>;
  try {
    d = JSON.parse(String((e as CustomEvent).detail)) as Partial<DialogReport>;
  } catch {
    return;
  }
  if (d.type === 'print') record('dialog', 'print: the page asked to print (skipped)');
  else if (d.type)
    record('dialog', `${d.type}: “${d.message ?? ''}” (answered ${d.answer ?? 'OK'})`);
}

/** Native validation bubbles are browser UI, outside the captured tab. */
function onInvalid(e: Event): void {
  const el = e.target as HTMLInputElement;
  const name = el.labels?.[0]?.innerText ?? (el.name || el.id || el.localName);
  record('alert', `${squash(name, 60)}: ${el.validationMessage}`);
}

export function watchJournal(): void {
  href = location.href;
  new MutationObserver(onMutations).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  addEventListener('popstate', checkUrl);
  addEventListener('hashchange', checkUrl);
  document.addEventListener(dialogEvent, onDialog);
  document.addEventListener('invalid', onInvalid, true);
}

/** Brings the journal up to date before it is read: a pushState fires no event. */
export function catchUp(): void {
  checkUrl();
  checkPopups();
}
