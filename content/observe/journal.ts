/**
 * What happened on the page between two journal calls that a screenshot may
 * have missed. Lives in this document's memory only: a new document starts a
 * new journal (the background reads the old one before it navigates, or loses
 * nothing a screenshot of the new page would not show).
 */
import type { JournalEntry } from '../../extension/protocol.ts';
import { squash } from './deep.ts';

const maxEntries = 30;
const maxText = 300;

let entries: JournalEntry[] = [];

/** Adds an entry unless the same one is already waiting; the oldest go first when full. */
export function record(kind: JournalEntry['kind'], text: string): void {
  const t = squash(text, maxText);
  if (!t || entries.some((e) => e.kind === kind && e.text === t)) return;
  entries.push({ at: Date.now(), kind, text: t });
  if (entries.length > maxEntries) entries = entries.slice(-maxEntries);
}

/** Returns the entries since the last call and starts a new batch. */
export function drain(): JournalEntry[] {
  const out = entries;
  entries = [];
  return out;
}
