/**
 * What connected pages see of a run: transcript entries as they come, a
 * snapshot of the run whenever its state changes, and the toolbar badge.
 */
import type { RunEvent, RunView, TranscriptEntry, Usage } from '../extension/run.ts';
import type { ActiveRun } from './active-run.ts';
import type { LoopEvents } from './agent-loop.ts';
import { setBadge } from './badge.ts';

export class RunTranscript {
  readonly #listeners = new Set<(event: RunEvent) => void>();

  subscribe(listener: (event: RunEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  add(run: ActiveRun, entry: Omit<TranscriptEntry, 'id' | 'at'>): void {
    const full: TranscriptEntry = {
      id: `${run.view.id}:${run.view.entries.length}`,
      at: Date.now(),
      ...entry,
    };
    run.view.entries.push(full);
    this.#emit({ type: 'entry', runId: run.view.id, entry: full });
  }

  /** Adds the entry, or replaces the one with its id (text that streams, an action that ends). */
  upsert(
    run: ActiveRun,
    id: string,
    kind: TranscriptEntry['kind'],
    text: string,
    point?: TranscriptEntry['point'],
  ): void {
    const i = run.view.entries.findIndex((e) => e.id === id);
    const entry: TranscriptEntry = { id, at: Date.now(), kind, text, ...(point ? { point } : {}) };
    if (i >= 0) run.view.entries[i] = entry;
    else run.view.entries.push(entry);
    this.#emit({ type: 'entry', runId: run.view.id, entry });
  }

  /** Tells connected pages and the badge that the run's state changed. */
  changed(run: ActiveRun): void {
    run.view.rev = (run.view.rev ?? 0) + 1;
    this.#emit({ type: 'run', run: snapshot(run) });
    const v = run.view;
    void setBadge(
      v.tabId,
      v.status !== 'running' ? null : v.question ? 'waiting' : v.paused ? 'paused' : 'running',
    );
  }

  /** The agent loop's progress as entries; `acted` is called after each action, before its entry. */
  loopEvents(run: ActiveRun, acted: () => void): LoopEvents {
    return {
      assistantText: (step, text) =>
        this.upsert(run, `${run.view.id}:say:${step}`, 'assistant', text),
      actionStarted: (id, summary) =>
        this.upsert(run, `${run.view.id}:act:${id}`, 'action', `${summary} …`),
      action: (id, summary, outcome, isError) => {
        acted();
        this.upsert(
          run,
          `${run.view.id}:act:${id}`,
          isError ? 'error' : 'action',
          outcome?.text ? `${summary} — ${outcome.text}` : summary,
          outcome?.point,
        );
      },
      notice: (text) => this.add(run, { kind: 'status', text }),
      turn: (step, usage: Usage) => {
        run.view.steps = step;
        run.view.usage = usage;
        this.#emit({ type: 'run', run: snapshot(run) });
      },
    };
  }

  #emit(event: RunEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** A copy of the run's record that later changes do not reach. */
export function snapshot(run: ActiveRun): RunView {
  return { ...run.view, entries: [...run.view.entries] };
}
