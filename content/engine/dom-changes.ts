/**
 * Watches the page's DOM for the two things a real pointer's bookkeeping reacts
 * to: nodes being removed (the element under the pointer, the element a press
 * went to) and any change that may move content under a still pointer. One
 * MutationObserver per frame, started by the first pointer action.
 *
 * Chromium tells its input managers of removals in two ways: one node at a time
 * (Node removal: EventHandler::NodeWillBeRemoved), or all of a container's
 * children at once (ContainerNode::RemoveChildren, used by the textContent,
 * innerHTML and innerText setters and replaceChildren:
 * EventHandler::NodeChildrenWillBeRemoved), which the pointer's bookkeeping
 * treats differently (see hover.ts). A MutationRecord does not say which ran;
 * removedAllChildren tells them apart by the record's shape.
 */

/** Called for each removed node, in order, with the parent it was removed from. */
type RemovalListener = (removed: Node, parent: Node) => void;

const removalListeners: RemovalListener[] = [];
const emptiedListeners: ((container: Node) => void)[] = [];
const changeListeners: (() => void)[] = [];
let observer: MutationObserver | null = null;

/**
 * Whether record `r` is a container losing all its children at once. A setter
 * that replaces the children makes one record with every old child removed, no
 * siblings around them and at most the new content added. With one child gone
 * the shapes overlap: removeChild / remove() (nothing added) and
 * replaceChild / replaceWith / innerHTML on an only child (the new nodes added)
 * are single removals; one Text node put in its place is taken as the
 * textContent or innerText setter.
 */
function removedAllChildren(r: MutationRecord): boolean {
  if (r.type !== 'childList' || r.removedNodes.length === 0) return false;
  if (r.previousSibling || r.nextSibling) return false;
  if (r.removedNodes.length > 1) return true;
  return r.addedNodes.length === 1 && r.addedNodes[0] instanceof Text;
}

function handle(records: MutationRecord[]): void {
  let changed = false;
  for (const r of records) {
    changed = true;
    if (r.type !== 'childList') continue;
    if (removedAllChildren(r)) for (const l of emptiedListeners) l(r.target);
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

/**
 * `fn` hears of every container whose children were all removed at once, just
 * before the removals themselves reach the onRemoval listeners.
 */
export function onChildrenRemoved(fn: (container: Node) => void): void {
  emptiedListeners.push(fn);
  start();
}

/** `fn` runs (in a microtask, as MutationObserver delivers) after any DOM change. */
export function onDomChange(fn: () => void): void {
  changeListeners.push(fn);
  start();
}

/** The run is over: stop watching the page (the listeners stay for the next action). */
export function pauseDomWatch(): void {
  observer?.disconnect();
  observer = null;
}

/** An action begins: watch again if anyone listens. */
export function resumeDomWatch(): void {
  if (removalListeners.length || emptiedListeners.length || changeListeners.length) start();
}

/**
 * Delivers the changes made so far right now, synchronously: the page may have
 * removed nodes in the handler of an event we just dispatched, and what we do
 * next (hover, click target) must already know.
 */
export function flushDomChanges(): void {
  if (observer) handle(observer.takeRecords());
}
