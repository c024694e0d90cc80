/** The record of one run, as the background keeps it and the UI shows it. */

export const runStatuses = ['running', 'done', 'stopped', 'failed'] as const;
export type RunStatus = (typeof runStatuses)[number];

export type EntryKind = 'task' | 'assistant' | 'action' | 'result' | 'error' | 'status';

export interface TranscriptEntry {
  readonly id: string;
  /** ms since epoch. */
  readonly at: number;
  readonly kind: EntryKind;
  readonly text: string;
  /** For `action` entries: where it acted, model-image pixels and viewport CSS pixels. */
  readonly point?: {
    readonly model: { x: number; y: number };
    readonly css: { x: number; y: number };
  };
}

export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheCreationInputTokens: number;
  readonly cacheReadInputTokens: number;
}

export const zeroUsage: Usage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationInputTokens: 0,
  cacheReadInputTokens: 0,
};

/** A question the run waits on; the popup shows it with one button per choice. */
export interface Question {
  readonly id: string;
  readonly kind: 'site' | 'risky' | 'injection';
  readonly title: string;
  readonly detail: string;
  /** Exact button names: a contract (`Allow once`, `Always allow`, `Deny`; `Approve`, `Decline`; `Continue`, `Stop`). */
  readonly choices: readonly string[];
  /** A PNG screenshot (base64) with the target marked, when there is one. */
  readonly image?: string;
}

export interface RunView {
  readonly id: string;
  /**
   * Grows with every change of the run, so a page holding two views of it
   * (a reply and a streamed event that crossed) keeps the newer one.
   */
  readonly rev: number;
  readonly tabId: number;
  readonly task: string;
  readonly model: string;
  readonly status: RunStatus;
  /** Why the run ended, for `stopped` and `failed` (and the final answer for `done`). */
  readonly reason?: string;
  readonly startedAt: number;
  readonly endedAt?: number;
  /** Model turns taken. */
  readonly steps: number;
  readonly entries: readonly TranscriptEntry[];
  readonly usage: Usage;
  /** Set while a running run is paused; `takenOver` when the user is acting on the page. */
  readonly paused?: { readonly takenOver: boolean };
  /** Set while the run waits for the user's answer. */
  readonly question?: Question;
}

/** What the background streams to a connected UI over the `run-events` port. */
export type RunEvent =
  | { readonly type: 'run'; readonly run: RunView | null }
  | { readonly type: 'entry'; readonly runId: string; readonly entry: TranscriptEntry };

export const runEventsPort = 'run-events';
