/**
 * Our own element in the page (the indicator's host), which observers and text
 * collection skip. The indicator lives in the top frame's part of the content
 * script (content/top-module.ts); the observers every frame runs ask here.
 */
let ownHost: Node | undefined;

export function markOwnUi(node: Node): void {
  ownHost = node;
}

/** Whether a node is our indicator's host. */
export function isOwnUi(node: Node | null): boolean {
  return node !== null && node === ownHost;
}
