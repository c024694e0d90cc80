/**
 * The content script's parts loaded after content.js (content/engine/on-demand.ts),
 * as the build, the background and the content script all name them.
 */
import type { ActionReport } from './actions.ts';
import parts from './content-parts.json' with { type: 'json' };

export type OnDemandName = keyof typeof parts;

/** The file the build writes a part to, beside content.js (scripts/build.mjs reads the same table). */
export function partFile(name: OnDemandName): string {
  return parts[name].file;
}

export function isOnDemandName(name: unknown): name is OnDemandName {
  return typeof name === 'string' && Object.hasOwn(parts, name);
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
