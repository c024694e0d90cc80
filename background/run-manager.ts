/**
 * Owns the runs: starts the agent loop for a tab, keeps each run's record and
 * loop state in storage after every step, carries runs on after the browser
 * stopped the service worker, streams changes to connected pages, and stops
 * runs on request. Run state lives here, not in the popup.
 */
import browser from 'webextension-polyfill';
import type { RunEvent, RunView, TranscriptEntry, Usage } from '../extension/run.ts';
import { zeroUsage } from '../extension/run.ts';
import { modelProfile } from '../extension/models.ts';
import { runAgentLoop, type LoopEvents, type LoopState } from './agent-loop.ts';
import { ConfigError, StoppedError, errorMessage } from './errors.ts';
import { anthropicModelClient, type ModelClient } from './model-client.ts';
import { loadLoop, saveLoop } from './loop-store.ts';
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
}

export const maxConsecutiveErrors = 5;

/** Wakes a stopped service worker so it can carry interrupted runs on. */
export const resumeAlarm = 'tabpilot-resume';
// Chrome fires alarms of packed MV3 extensions at most every 30 s; unpacked (test) builds may go faster.
const resumeAlarmMinutes = __TEST__ ? 1 / 30 : 0.5;

export class RunManager {
  readonly #active = new Map<string, ActiveRun>();
  readonly #listeners = new Set<(event: RunEvent) => void>();
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #resuming: Promise<void> | undefined;

  constructor(private readonly makeClient: typeof anthropicModelClient = anthropicModelClient) {}

  subscribe(listener: (event: RunEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(tabId: number, task: string): Promise<RunView> {
    const trimmed = task.trim();
    if (!trimmed) throw new ConfigError('Type a task first');
    if (trimmed.length > 20_000) {
      throw new ConfigError('The task is too long (at most 20,000 characters)');
    }
    await this.resumeInterrupted();
    for (const run of this.#active.values()) {
      if (run.view.tabId === tabId) {
        throw new ConfigError('A run is already going in this tab: stop it first');
      }
    }
    const settings = await loadSettings();
    if (!settings.apiKey) {
      throw new ConfigError('No API key yet: add your Anthropic API key in Settings');
    }
    const profile = modelProfile(settings.model);
    const driver = new TabDriver(tabId);
    await driver.ensureContent();
    const run: ActiveRun = {
      view: {
        id: crypto.randomUUID(),
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
    };
    this.#adopt(run);
    this.#addEntry(run, { kind: 'task', text: trimmed });
    await saveRun(run.view);
    this.#emit({ type: 'run', run: this.#snapshot(run) });
    void this.#drive(run, undefined);
    return this.#snapshot(run);
  }

  async stop(runId: string): Promise<RunView> {
    const run = this.#active.get(runId);
    if (!run) {
      const stored = await loadRun(runId);
      if (!stored) throw new ConfigError(`No run ${runId}`);
      if (stored.status !== 'running') return stored;
      // Recorded as running but not carried on yet (the worker just restarted): end it here.
      const stopped: RunView = {
        ...stored,
        status: 'stopped',
        reason: 'Stopped by the user',
        endedAt: Date.now(),
      };
      await saveRun(stopped);
      return stopped;
    }
    await this.#finish(run, 'stopped', 'Stopped by the user');
    return this.#snapshot(run);
  }

  async forTab(tabId: number): Promise<RunView | null> {
    await this.resumeInterrupted();
    for (const run of this.#active.values()) {
      if (run.view.tabId === tabId) return this.#snapshot(run);
    }
    const [latest] = await listRuns({ tabId });
    return latest ?? null;
  }

  /**
   * Carries on every run that storage records as running and no loop here owns:
   * the browser stopped the service worker in the middle of it. Safe to call
   * often; concurrent calls share one pass.
   */
  resumeInterrupted(): Promise<void> {
    this.#resuming ??= this.#resumeAll().finally(() => (this.#resuming = undefined));
    return this.#resuming;
  }

  async #resumeAll(): Promise<void> {
    for (const stored of await listRuns()) {
      if (stored.status !== 'running' || this.#active.has(stored.id)) continue;
      const saved = await loadLoop(stored.id);
      const profile = modelProfile(stored.model);
      const computer = new TabComputer(new TabDriver(stored.tabId), profile);
      const run: ActiveRun = {
        view: { ...stored, entries: [...stored.entries] },
        controller: new AbortController(),
        computer,
      };
      this.#adopt(run);
      if (!saved) {
        await this.#finish(
          run,
          'failed',
          'The extension’s background was restarted before this run’s first step was stored; it was ended.',
        );
        continue;
      }
      computer.restore(saved.cursor, saved.geometry);
      this.#addEntry(run, {
        kind: 'status',
        text: 'The browser restarted tabpilot’s background; the run carries on.',
      });
      void this.#drive(run, saved.loop);
    }
  }

  #adopt(run: ActiveRun): void {
    this.#active.set(run.view.id, run);
    this.#updateKeepAlive();
  }

  async #drive(run: ActiveRun, resume: LoopState | undefined): Promise<void> {
    const events: LoopEvents = {
      assistantText: (step, text) =>
        this.#upsertEntry(run, `${run.view.id}:say:${step}`, 'assistant', text),
      action: (summary, outcome, isError) => {
        this.#addEntry(run, {
          kind: isError ? 'error' : 'action',
          text: outcome?.text ? `${summary} — ${outcome.text}` : summary,
          point: outcome?.point,
        });
      },
      notice: (text) => this.#addEntry(run, { kind: 'status', text }),
      turn: (step, usage: Usage) => {
        run.view.steps = step;
        run.view.usage = usage;
        this.#emit({ type: 'run', run: this.#snapshot(run) });
      },
    };
    try {
      const settings = await loadSettings();
      const client: ModelClient = this.makeClient({
        apiKey: settings.apiKey,
        baseUrl: settings.baseUrl,
        profile: modelProfile(run.view.model),
      });
      const outcome = await runAgentLoop({
        task: run.view.task,
        system: systemPrompt(new Date(run.view.startedAt), navigator.userAgent),
        model: client,
        computer: run.computer,
        limits: { maxSteps: settings.maxSteps, maxConsecutiveErrors },
        events,
        signal: run.controller.signal,
        resume,
        checkpoint: async (state) => {
          if (run.view.status !== 'running') return;
          await saveLoop(run.view.id, {
            loop: state,
            cursor: run.computer.cursor,
            geometry: run.computer.geometry,
          });
          await saveRun(run.view);
        },
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
      id: `${run.view.id}:${run.view.entries.length}`,
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
   * Chrome stops an idle service worker after 30 s; each extension API call
   * resets that timer, so a run keeps its worker alive with a cheap call while it
   * lasts. Chrome may still stop it (a model call over 5 minutes, memory
   * pressure, a test): the alarm then wakes a new worker, which resumes the run.
   */
  #updateKeepAlive(): void {
    if (this.#active.size && !this.#keepAlive) {
      this.#keepAlive = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
      void browser.alarms.create(resumeAlarm, { periodInMinutes: resumeAlarmMinutes });
    } else if (!this.#active.size && this.#keepAlive) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = undefined;
      void browser.alarms.clear(resumeAlarm);
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
