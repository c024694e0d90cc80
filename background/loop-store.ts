/**
 * Stores a run's loop state after every step so a new service worker can carry
 * the run on. Screenshots are stored once each under their own key and the
 * state refers to them, so a checkpoint writes only what changed.
 */
import browser from 'webextension-polyfill';
import type { BetaMessageParam } from '@anthropic-ai/sdk/resources/beta/messages/messages';
import type { ModelPoint, ScreenGeometry } from '../extension/geometry.ts';
import type { LoopState } from './agent-loop.ts';

/** What a resumed run needs besides the conversation: where the pointer is and what the screen measured. */
export interface StoredLoop {
  readonly loop: LoopState;
  readonly cursor: ModelPoint;
  readonly geometry: ScreenGeometry | undefined;
}

const stateKey = (runId: string): string => `loop:${runId}`;
const shotPrefix = (runId: string): string => `shot:${runId}:`;
const refPrefix = 'tabpilot-shot:';

/** Keys already written, per run, so each screenshot is stored once. */
const written = new Map<string, Set<string>>();

export async function saveLoop(runId: string, stored: StoredLoop): Promise<void> {
  const shots: Record<string, string> = {};
  const loop = await mapImages(stored.loop, async (data) => {
    if (data.startsWith(refPrefix)) return data;
    const key = `${shotPrefix(runId)}${await digest(data)}`;
    const seen = written.get(runId) ?? new Set<string>();
    written.set(runId, seen);
    if (!seen.has(key)) {
      shots[key] = data;
      seen.add(key);
    }
    return `${refPrefix}${key}`;
  });
  await browser.storage.local.set({ ...shots, [stateKey(runId)]: { ...stored, loop } });
}

export async function loadLoop(runId: string): Promise<StoredLoop | null> {
  const stored = (await browser.storage.local.get(stateKey(runId)))[stateKey(runId)] as
    StoredLoop | undefined;
  if (!stored) return null;
  const keys = new Set<string>();
  await mapImages(stored.loop, async (data) => {
    if (data.startsWith(refPrefix)) keys.add(data.slice(refPrefix.length));
    return data;
  });
  const shots = await browser.storage.local.get([...keys]);
  const missing = [...keys].filter((k) => typeof shots[k] !== 'string');
  if (missing.length) return null;
  written.set(runId, keys);
  const loop = await mapImages(stored.loop, async (data) =>
    data.startsWith(refPrefix) ? (shots[data.slice(refPrefix.length)] as string) : data,
  );
  return { ...stored, loop };
}

/** Deletes a run's loop state and screenshots. */
export async function dropLoop(runId: string): Promise<void> {
  const stored = (await browser.storage.local.get(stateKey(runId)))[stateKey(runId)] as
    StoredLoop | undefined;
  const keys = [stateKey(runId)];
  if (stored) {
    await mapImages(stored.loop, async (data) => {
      if (data.startsWith(refPrefix)) keys.push(data.slice(refPrefix.length));
      return data;
    });
  }
  written.delete(runId);
  await browser.storage.local.remove(keys);
}

/** Rewrites the base64 data of every image in the state, keeping everything else as is. */
async function mapImages(
  loop: LoopState,
  f: (data: string) => Promise<string>,
): Promise<LoopState> {
  const mapBlocks = async <T>(blocks: readonly T[]): Promise<T[]> =>
    Promise.all(blocks.map((b) => mapBlock(b, f)));
  const messages = await Promise.all(
    loop.messages.map(async (m) =>
      Array.isArray(m.content)
        ? ({ ...m, content: await mapBlocks(m.content) } as BetaMessageParam)
        : m,
    ),
  );
  return { ...loop, messages, results: await mapBlocks(loop.results) };
}

async function mapBlock<T>(block: T, f: (data: string) => Promise<string>): Promise<T> {
  const b = block as {
    type?: string;
    source?: { type?: string; data?: string };
    content?: unknown;
  };
  if (b.type === 'image' && b.source?.type === 'base64' && typeof b.source.data === 'string') {
    return { ...b, source: { ...b.source, data: await f(b.source.data) } } as T;
  }
  if (b.type === 'tool_result' && Array.isArray(b.content)) {
    return { ...b, content: await Promise.all(b.content.map((c: unknown) => mapBlock(c, f))) } as T;
  }
  return block;
}

async function digest(data: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(data));
  return [...new Uint8Array(bytes).slice(0, 12)]
    .map((x) => x.toString(16).padStart(2, '0'))
    .join('');
}
