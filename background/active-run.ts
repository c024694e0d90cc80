/**
 * A run this service worker is carrying out: the record the UI sees, plus what
 * only a live run has (its tab, its Stop switch, what it waits for). The run-*
 * files each handle one side of it; RunManager holds the set.
 */
import type { RunView, TranscriptEntry } from '../extension/run.ts';
import type { SiteGuard } from './site-guard.ts';
import type { TabComputer } from './tab-computer.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface ActiveRun {
  readonly view: Mutable<RunView> & { entries: TranscriptEntry[] };
  readonly controller: AbortController;
  readonly computer: TabComputer;
  readonly sites: SiteGuard;
  /** Resolves when a paused run is resumed. */
  resumed?: { readonly promise: Promise<void>; readonly resolve: () => void };
  /** Told to Claude, with a fresh screenshot, before the next model call. */
  note?: string;
  /** Settles the open question with the user's choice. */
  answer?: (choice: string) => void;
  /** Suspicious page text the user already chose to continue past. */
  readonly acknowledged: Set<string>;
}
