/**
 * Watches the page's DOM for the two things a real pointer's bookkeeping reacts
 * to: nodes being removed (the element under the pointer, the element a press
 * went to) and any change that may move content under a still pointer. One
 * MutationObserver per frame, started by the first pointer action.
 */

/** Called for each removed node, in order, with the parent it was removed from. */
type RemovalListener = (removed: Node, parent: Node) => void;

const removalListeners: RemovalListener[] = [];
const changeListeners: (() => void)[] = [];
let observer: MutationObserver | null = null;

function handle(records: MutationRecord[]): void {
  let changed = false;
  for (const r of records) {
    changed = true;
    if (r.type !== 'childList') continue;
    for (const n of Array.from(r.removedNodes)) {
      for (const l of removalListeners) l(n, r.target);
    }
  }
  if (changed) for (const l of changeListeners) l();
}

function start(): void {
  if (observer) return;
  observer = new MutationObserver(handle);
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    characterData: true,
  });
}

/** `fn` hears of every node removal from now on (watching starts with the first listener). */
export function onRemoval(fn: RemovalListener): void {
  removalListeners.push(fn);
  start();
}

/** `fn` runs (in a microtask, as MutationObserver delivers) after any DOM change. */
export function onDomChange(fn: () => void): void {
  changeListeners.push(fn);
  start();
}

/**
 * Delivers the changes made so far right now, synchronously: the page may have
 * removed nodes in the handler of an event we just dispatched, and what we do
 * next (hover, click target) must already know.
 */
export function flushDomChanges(): void {
  if (observer) handle(observer.takeRecords());
}
