/**
 * Our own element in the page (the indicator's host), which observers and text
 * collection skip. The indicator (indicator.ts) marks it here, so the
 * observers every frame runs need nothing of the indicator's code.
 */
let ownHost: Node | undefined;

export function markOwnUi(node: Node): void {
  ownHost = node;
}

/** Whether a node is our indicator's host. */
export function isOwnUi(node: Node | null): boolean {
  return node !== null && node === ownHost;
}
