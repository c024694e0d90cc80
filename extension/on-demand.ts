/**
 * The content script's on-demand parts (content/engine/on-demand.ts), as the
 * background and the content script both name them.
 */
import type { ActionReport } from './actions.ts';

/** Each part and the file the build writes it to, beside content.js. */
export const onDemandFiles = {
  keyboard: 'content-keyboard.js',
  top: 'content-top.js',
} as const;

export type OnDemandName = keyof typeof onDemandFiles;

export function isOnDemandName(name: unknown): name is OnDemandName {
  return typeof name === 'string' && Object.hasOwn(onDemandFiles, name);
}

/**
 * Performs an action in one frame; when the frame answers that the action needs
 * a part it lacks (before it touched the page), loads that part and sends the
 * action again.
 */
export async function performLoading(
  perform: () => Promise<ActionReport>,
  load: (names: readonly OnDemandName[]) => Promise<void>,
): Promise<ActionReport> {
  const first = await perform();
  if (!first.needs?.length) return first;
  const names = first.needs.filter(isOnDemandName);
  if (names.length !== first.needs.length)
    throw new Error(`the page asked for unknown parts: ${first.needs.join(', ')}`);
  await load(names);
  const second = await perform();
  if (second.needs?.length)
    throw new Error(`tabpilot could not load ${second.needs.join(', ')} into the frame`);
  return second;
}
