/**
 * A behaviour of FIDELITY.md as data: a fixture, the steps to run through a
 * Driver, and what must hold afterwards; and what one run of it observed.
 */
import type { Page } from 'puppeteer-core';
import type { Driver, Side } from '../support/driver.ts';
import type { LogEntry, PageState } from '../support/page-log.ts';

/** Records the page state now, under `label` (RunOutput.marks). */
export type Mark = (label: string) => Promise<void>;

/** A behaviour of FIDELITY.md (or one part of one), run the same way on both sides. */
export interface Behaviour {
  /** '2', '8-shift': the FIDELITY.md number, and a suffix for its parts. */
  readonly id: string;
  readonly title: string;
  /** Page under tests/fixtures/fidelity, with any query. */
  readonly fixture: string;
  /** Runs in the page before the log is cleared (focus a field, put a caret). */
  readonly setup?: (page: Page) => Promise<void>;
  readonly steps: (d: Driver, mark: Mark) => Promise<void>;
  /** A page predicate the result must reach before it is read (async effects: smooth scroll, drop). */
  readonly until?: string;
  /** Keep every move-like event with its coordinates (default: runs of them are collapsed). */
  readonly keepMoves?: boolean;
  /** Log entries to leave out of the comparison on both sides. */
  readonly ignore?: (e: LogEntry) => boolean;
  /** Rewrites the normalised log of both sides (for pacing-dependent repeats). */
  readonly mapLog?: (log: LogEntry[]) => LogEntry[];
  /** Rewrites the state of both sides before comparison (not before the check). */
  readonly mapState?: (state: PageState) => PageState;
  /** What FIDELITY.md says must happen; throws (node:assert) when it did not. Both sides. */
  readonly check: (r: RunOutput) => void;
  /** What the engine must also do (tell Claude about a hover gap or a dialog); engine side only. */
  readonly engineCheck?: (r: RunOutput) => void;
}

export interface DialogRecord {
  readonly type: string;
  readonly message: string;
  /** How it was closed: answered at once (trusted), or by the watchdog after the page stayed blocked. */
  readonly closedBy: 'answer' | 'watchdog';
}

/** Everything one run observed. */
export interface RunOutput {
  readonly side: Side;
  /** Main frame's log, normalised. */
  readonly log: LogEntry[];
  /** Child frames' logs (by the iframe's name), normalised. */
  readonly frames: Record<string, LogEntry[]>;
  readonly frameStates: Record<string, PageState>;
  readonly state: PageState;
  /** Snapshots of the state the steps asked for, in order. */
  readonly marks: { label: string; state: PageState }[];
  /** Notes of the engine's action reports (none for trusted input). */
  readonly notes: string[];
  readonly dialogs: DialogRecord[];
  /** document.hasFocus() when the steps started. */
  readonly focused: boolean;
  /** The raw log, before normalisation, for diagnostics. */
  readonly rawLog: LogEntry[];
  /** A step or the settling failed. */
  readonly error?: string;
}

export interface BehaviourResult {
  readonly behaviour: Behaviour;
  readonly trusted: RunOutput;
  readonly engine: RunOutput;
  /** Problems of the trusted run against the behaviour's check (empty: passed). */
  readonly trustedProblems: string[];
  readonly engineProblems: string[];
  /** Problems of the engine run against `engineCheck` (what it must tell Claude). */
  readonly reportProblems: string[];
  /** Where the normalised records differ (empty: they agree). */
  readonly differences: string[];
  readonly ms: number;
}
