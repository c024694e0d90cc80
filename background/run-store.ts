/**
 * Run records in `storage.local`, kept across browser restarts. Old runs are
 * deleted, oldest first, past a count and past a storage size (screenshots
 * make up most of it).
 */
import browser from 'webextension-polyfill';
import type { RunView } from '../extension/run.ts';
import { dropLoop } from './loop-store.ts';

const indexKey = 'runs';
const recordKey = (id: string): string => `run:${id}`;
/** Oldest records beyond this many are deleted. */
export const keptRuns = 50;
/** Storage the records and their screenshots may take before the oldest runs go. */
export const keptBytes = 200 * 1024 * 1024;

interface IndexEntry {
  readonly id: string;
  readonly tabId: number;
  readonly startedAt: number;
}

async function index(): Promise<IndexEntry[]> {
  const value = (await browser.storage.local.get(indexKey))[indexKey];
  return Array.isArray(value) ? (value as IndexEntry[]) : [];
}

export async function saveRun(run: RunView): Promise<void> {
  const entries = await index();
  const existing = entries.findIndex((e) => e.id === run.id);
  if (existing >= 0 && entries[existing]?.tabId !== run.tabId) {
    // The run moved to a tab it opened: find it under that tab from now on.
    entries[existing] = { id: run.id, tabId: run.tabId, startedAt: run.startedAt };
    await browser.storage.local.set({ [indexKey]: entries });
  }
  if (existing < 0) {
    entries.push({ id: run.id, tabId: run.tabId, startedAt: run.startedAt });
    await drop(entries.splice(0, Math.max(0, entries.length - keptRuns)));
    // By size: the oldest runs go until storage is under budget; the new run always stays.
    while (entries.length > 1 && (await bytesInUse()) > keptBytes) {
      await drop(entries.splice(0, 1));
    }
    await browser.storage.local.set({ [indexKey]: entries });
  }
  await browser.storage.local.set({ [recordKey(run.id)]: run });
}

async function drop(runs: readonly IndexEntry[]): Promise<void> {
  if (!runs.length) return;
  await browser.storage.local.remove(runs.map((e) => recordKey(e.id)));
  await Promise.all(runs.map((e) => dropLoop(e.id)));
}

/** Bytes `storage.local` holds; 0 where the browser cannot tell (older Firefox). */
async function bytesInUse(): Promise<number> {
  const local = chrome.storage?.local as
    { getBytesInUse?: (keys: null) => Promise<number> } | undefined;
  return local?.getBytesInUse ? local.getBytesInUse(null) : 0;
}

export async function loadRun(id: string): Promise<RunView | null> {
  const value = (await browser.storage.local.get(recordKey(id)))[recordKey(id)];
  return (value as RunView | undefined) ?? null;
}

/** Newest first. */
export async function listRuns(filter: { tabId?: number } = {}): Promise<RunView[]> {
  const entries = (await index()).filter(
    (e) => filter.tabId === undefined || e.tabId === filter.tabId,
  );
  const runs = await Promise.all(entries.reverse().map((e) => loadRun(e.id)));
  return runs.filter((r): r is RunView => r !== null);
}
