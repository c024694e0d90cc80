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
export const recordLimits = {
  /** Oldest records beyond this many are deleted. */
  runs: 50,
  /** Storage the records and their screenshots may take before the oldest runs go. */
  bytes: 200 * 1024 * 1024,
};

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
    // Oldest first, past the count and then past the size; a run still going is never pruned.
    const running = new Set(
      (await listRuns()).filter((r) => r.status === 'running').map((r) => r.id),
    );
    running.add(run.id);
    const prunable = (): IndexEntry[] => entries.filter((e) => !running.has(e.id));
    while (entries.length > recordLimits.runs && prunable().length)
      await drop(entries, prunable()[0]);
    while (prunable().length && (await bytesInUse()) > recordLimits.bytes)
      await drop(entries, prunable()[0]);
    await browser.storage.local.set({ [indexKey]: entries });
  }
  await browser.storage.local.set({ [recordKey(run.id)]: run });
}

/** Removes one run from the index (in place) and deletes its record and screenshots. */
async function drop(entries: IndexEntry[], victim: IndexEntry | undefined): Promise<void> {
  if (!victim) return;
  entries.splice(entries.indexOf(victim), 1);
  await browser.storage.local.remove(recordKey(victim.id));
  await dropLoop(victim.id);
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
