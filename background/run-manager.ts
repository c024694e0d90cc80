/**
 * Owns the runs: starts the agent loop for a tab, keeps each run's record,
 * streams changes to connected pages, and stops runs on request. Run state
 * lives here, not in the popup.
 */
import browser from 'webextension-polyfill';
import type { RunEvent, RunView, TranscriptEntry, Usage } from '../extension/run.ts';
import { zeroUsage } from '../extension/run.ts';
import { modelProfile } from '../extension/models.ts';
import { runAgentLoop, type LoopEvents } from './agent-loop.ts';
import { ConfigError, StoppedError, errorMessage } from './errors.ts';
import { anthropicModelClient, type ModelClient } from './model-client.ts';
import { listRuns, loadRun, saveRun } from './run-store.ts';
import { loadSettings } from './settings-store.ts';
import { systemPrompt } from './system-prompt.ts';
import { TabComputer } from './tab-computer.ts';
import { TabDriver } from './tab-driver.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface ActiveRun {
  readonly view: Mutable<RunView> & { entries: TranscriptEntry[] };
  readonly controller: AbortController;
  readonly computer: TabComputer;
  entryCount: number;
}

export const maxConsecutiveErrors = 5;

export class RunManager {
  readonly #active = new Map<string, ActiveRun>();
  readonly #listeners = new Set<(event: RunEvent) => void>();
  #keepAlive: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly makeClient: typeof anthropicModelClient = anthropicModelClient) {}

  subscribe(listener: (event: RunEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(tabId: number, task: string): Promise<RunView> {
    const trimmed = task.trim();
    if (!trimmed) throw new ConfigError('Type a task first');
    if (trimmed.length > 20_000)
      throw new ConfigError('The task is too long (at most 20,000 characters)');
    for (const run of this.#active.values()) {
      if (run.view.tabId === tabId)
        throw new ConfigError('A run is already going in this tab: stop it first');
    }
    const settings = await loadSettings();
    if (!settings.apiKey)
      throw new ConfigError('No API key yet: add your Anthropic API key in Settings');
    const profile = modelProfile(settings.model);
    const client: ModelClient = this.makeClient({
      apiKey: settings.apiKey,
      baseUrl: settings.baseUrl,
      profile,
    });
    const driver = new TabDriver(tabId);
    await driver.ensureContent();
    const id = crypto.randomUUID();
    const run: ActiveRun = {
      view: {
        id,
        tabId,
        task: trimmed,
        model: profile.id,
        status: 'running',
        startedAt: Date.now(),
        steps: 0,
        entries: [],
        usage: zeroUsage,
      },
      controller: new AbortController(),
      computer: new TabComputer(driver, profile),
      entryCount: 0,
    };
    this.#active.set(id, run);
    this.#updateKeepAlive();
    this.#addEntry(run, { kind: 'task', text: trimmed });
    await saveRun(run.view);
    this.#emit({ type: 'run', run: this.#snapshot(run) });
    void this.#drive(run, client, settings.maxSteps);
    return this.#snapshot(run);
  }

  async stop(runId: string): Promise<RunView> {
    const run = this.#active.get(runId);
    if (!run) {
      const stored = await loadRun(runId);
      if (!stored) throw new ConfigError(`No run ${runId}`);
      return stored;
    }
    await this.#finish(run, 'stopped', 'Stopped by the user');
    return this.#snapshot(run);
  }

  async forTab(tabId: number): Promise<RunView | null> {
    for (const run of this.#active.values())
      if (run.view.tabId === tabId) return this.#snapshot(run);
    const [latest] = await listRuns({ tabId });
    return latest ?? null;
  }

  /**
   * Runs recorded as running that no loop here owns were cut off when the
   * browser stopped the service worker: close their records with the reason.
   */
  async closeInterrupted(): Promise<void> {
    for (const run of await listRuns()) {
      if (run.status !== 'running' || this.#active.has(run.id)) continue;
      await saveRun({
        ...run,
        status: 'failed',
        reason:
          'The extension’s background was restarted during this run, which ended it. Its steps so far are kept.',
        endedAt: Date.now(),
      });
    }
  }

  async #drive(run: ActiveRun, client: ModelClient, maxSteps: number): Promise<void> {
    const events: LoopEvents = {
      assistantText: (step, text) =>
        this.#upsertEntry(run, `${run.view.id}:say:${step}`, 'assistant', text),
      action: (summary, outcome, isError) => {
        this.#addEntry(run, {
          kind: isError ? 'error' : 'action',
          text: outcome?.text ? `${summary} — ${outcome.text}` : summary,
          point: outcome?.point,
        });
        void saveRun(run.view);
      },
      turn: (step, usage: Usage) => {
        run.view.steps = step;
        run.view.usage = usage;
        this.#emit({ type: 'run', run: this.#snapshot(run) });
        void saveRun(run.view);
      },
    };
    try {
      const outcome = await runAgentLoop({
        task: run.view.task,
        system: systemPrompt(new Date(), navigator.userAgent),
        model: client,
        computer: run.computer,
        limits: { maxSteps, maxConsecutiveErrors },
        events,
        signal: run.controller.signal,
      });
      if (outcome.status === 'done') await this.#finish(run, 'done', outcome.answer);
      else await this.#finish(run, 'failed', outcome.reason);
    } catch (error) {
      if (error instanceof StoppedError) await this.#finish(run, 'stopped', 'Stopped by the user');
      else await this.#finish(run, 'failed', errorMessage(error));
    }
  }

  async #finish(
    run: ActiveRun,
    status: 'done' | 'stopped' | 'failed',
    reason: string,
  ): Promise<void> {
    if (run.view.status !== 'running') return;
    run.view.status = status;
    run.view.reason = reason;
    run.view.endedAt = Date.now();
    this.#active.delete(run.view.id);
    this.#updateKeepAlive();
    run.controller.abort();
    this.#addEntry(run, { kind: 'status', text: statusLine(status, reason) });
    this.#emit({ type: 'run', run: this.#snapshot(run) });
    await Promise.all([run.computer.release(), saveRun(run.view)]);
  }

  #addEntry(run: ActiveRun, entry: Omit<TranscriptEntry, 'id' | 'at'>): void {
    const full: TranscriptEntry = {
      id: `${run.view.id}:${run.entryCount++}`,
      at: Date.now(),
      ...entry,
    };
    run.view.entries.push(full);
    this.#emit({ type: 'entry', runId: run.view.id, entry: full });
  }

  #upsertEntry(run: ActiveRun, id: string, kind: TranscriptEntry['kind'], text: string): void {
    const i = run.view.entries.findIndex((e) => e.id === id);
    const entry: TranscriptEntry = { id, at: Date.now(), kind, text };
    if (i >= 0) run.view.entries[i] = entry;
    else run.view.entries.push(entry);
    this.#emit({ type: 'entry', runId: run.view.id, entry });
  }

  #snapshot(run: ActiveRun): RunView {
    return { ...run.view, entries: [...run.view.entries] };
  }

  #emit(event: RunEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /**
   * Chrome stops an idle service worker after 30 s; each extension API call resets
   * that timer, so a run keeps its worker alive with a cheap call while it lasts.
   */
  #updateKeepAlive(): void {
    if (this.#active.size && !this.#keepAlive) {
      this.#keepAlive = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
    } else if (!this.#active.size && this.#keepAlive) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = undefined;
    }
  }
}

function statusLine(status: 'done' | 'stopped' | 'failed', reason: string): string {
  switch (status) {
    case 'done':
      return 'Done.';
    case 'stopped':
      return 'Stopped.';
    case 'failed':
      return `Failed: ${reason}`;
  }
}
