/**
 * Owns the runs, so that run state lives in the background and not in the
 * popup: starts a run in a tab, ends it (done, failed, or stopped on request)
 * and answers the popup's run controls. The other run-* files each hold one
 * side of a run: what it gives the agent loop, what it waits for, its safety
 * gate, its transcript, its tabs, and how it outlives the service worker.
 */
import { modelProfile } from '../extension/models.ts';
import type { Question, RunEvent, RunView } from '../extension/run.ts';
import { zeroUsage } from '../extension/run.ts';
import type { ActiveRun } from './active-run.ts';
import type { LoopState } from './agent-loop.ts';
import { ConfigError, RunControlError, StoppedError, errorMessage } from './errors.ts';
import { anthropicModelClient } from './model-client.ts';
import { KeepAlive, interruptedRuns } from './run-keepalive.ts';
import { driveLoop } from './run-loop.ts';
import * as questions from './run-questions.ts';
import { refuseBlockedSite, siteGuard } from './run-safety.ts';
import { listRuns, loadRun, saveRun } from './run-store.ts';
import { tabClosed } from './run-tabs.ts';
import { RunTranscript, snapshot } from './run-transcript.ts';
import { loadSettings } from './settings-store.ts';
import { SiteBlockedError } from './site-guard.ts';
import { TabComputer } from './tab-computer.ts';

export class RunManager {
  readonly #active = new Map<string, ActiveRun>();
  readonly #transcript = new RunTranscript();
  readonly #keepAlive = new KeepAlive();
  #resuming: Promise<void> | undefined;

  constructor(private readonly makeClient: typeof anthropicModelClient = anthropicModelClient) {}

  subscribe(listener: (event: RunEvent) => void): () => void {
    return this.#transcript.subscribe(listener);
  }

  async start(tabId: number, task: string): Promise<RunView> {
    const trimmed = task.trim();
    if (!trimmed) throw new RunControlError('Type a task first');
    if (trimmed.length > 20_000) {
      throw new RunControlError('The task is too long (at most 20,000 characters)');
    }
    await this.resumeInterrupted();
    for (const run of this.#active.values()) {
      if (run.view.tabId === tabId) {
        throw new RunControlError('A run is already going in this tab: stop it first');
      }
    }
    const settings = await loadSettings();
    if (!settings.apiKey) {
      throw new ConfigError('No API key yet: add your Anthropic API key in Settings');
    }
    const profile = modelProfile(settings.model);
    const computer = new TabComputer(tabId, profile, {
      maskSensitiveFields: settings.maskSensitiveFields,
    });
    await refuseBlockedSite(computer, settings.blocklist);
    await computer.ready();
    const run = this.#makeRun(
      {
        id: crypto.randomUUID(),
        tabId,
        task: trimmed,
        model: profile.id,
        status: 'running',
        rev: 0,
        startedAt: Date.now(),
        steps: 0,
        entries: [],
        usage: zeroUsage,
      },
      computer,
    );
    this.#adopt(run);
    this.#transcript.add(run, { kind: 'task', text: trimmed });
    await saveRun(run.view);
    this.#transcript.changed(run);
    void this.#drive(run, undefined);
    return snapshot(run);
  }

  async stop(runId: string): Promise<RunView> {
    const run = this.#active.get(runId);
    if (!run) {
      const stored = await loadRun(runId);
      if (!stored) throw new RunControlError(`No run ${runId}`);
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
    return snapshot(run);
  }

  pause(runId: string, takenOver = false): RunView {
    const run = this.#require(runId);
    questions.pause(run, this.#transcript, takenOver);
    return snapshot(run);
  }

  resume(runId: string): RunView {
    const run = this.#require(runId);
    questions.resume(run, this.#transcript);
    return snapshot(run);
  }

  answer(runId: string, questionId: string, choice: string): RunView {
    const run = this.#require(runId);
    questions.answer(run, this.#transcript, questionId, choice);
    return snapshot(run);
  }

  /** Asks the user and waits for the answer (or for Stop). */
  ask(run: ActiveRun, question: Omit<Question, 'id'>): Promise<string> {
    return questions.ask(run, this.#transcript, question);
  }

  /** A tab was opened: a run whose tab opened it follows it after the current action. */
  tabOpened(tabId: number, openerTabId: number | undefined): void {
    for (const run of this.#active.values()) run.computer.tabOpened(tabId, openerTabId);
  }

  /** A download started: every running run hears of it with its next tool result. */
  downloadStarted(name: string): void {
    for (const run of this.#active.values()) run.computer.downloadStarted(name);
  }

  /** A tab closed: runs working in it go on in another of their tabs, or end. */
  async tabClosed(tabId: number): Promise<void> {
    for (const run of [...this.#active.values()]) {
      if (tabClosed(run, this.#transcript, tabId) === 'lost') {
        await this.#finish(run, 'failed', 'The task’s tab was closed');
      }
    }
  }

  /** Ids of the runs going now, in one tab or in all. */
  activeRunIds(tabId?: number): string[] {
    return [...this.#active.values()]
      .filter((r) => tabId === undefined || r.view.tabId === tabId)
      .map((r) => r.view.id);
  }

  async forTab(tabId: number): Promise<RunView | null> {
    await this.resumeInterrupted();
    for (const run of this.#active.values()) {
      if (run.view.tabId === tabId) return snapshot(run);
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
    for await (const { stored, computer, saved } of interruptedRuns((id) => this.#active.has(id))) {
      const run = this.#makeRun(
        { ...stored, entries: [...stored.entries], question: undefined, paused: undefined },
        computer,
      );
      this.#adopt(run);
      if (!saved) {
        await this.#finish(
          run,
          'failed',
          'The extension’s background was restarted before this run’s first step was stored; it was ended.',
        );
        continue;
      }
      this.#transcript.add(run, {
        kind: 'status',
        text: 'The browser restarted tabpilot’s background; the run carries on.',
      });
      void this.#drive(run, saved.loop);
    }
  }

  #require(runId: string): ActiveRun {
    const run = this.#active.get(runId);
    if (!run) throw new RunControlError('That run is not running');
    return run;
  }

  #makeRun(view: ActiveRun['view'], computer: TabComputer): ActiveRun {
    const run: ActiveRun = {
      view,
      controller: new AbortController(),
      computer,
      sites: siteGuard(computer, (question) => this.ask(run, question)),
      acknowledged: new Set(),
    };
    return run;
  }

  #adopt(run: ActiveRun): void {
    this.#active.set(run.view.id, run);
    this.#keepAlive.update(this.#active.size > 0);
  }

  async #drive(run: ActiveRun, resume: LoopState | undefined): Promise<void> {
    try {
      const outcome = await driveLoop(run, resume, {
        makeClient: this.makeClient,
        transcript: this.#transcript,
        ask: (question) => this.ask(run, question),
      });
      if (outcome.status === 'done') await this.#finish(run, 'done', outcome.answer);
      else await this.#finish(run, 'failed', outcome.reason);
    } catch (error) {
      if (error instanceof StoppedError) await this.#finish(run, 'stopped', 'Stopped by the user');
      else if (error instanceof SiteBlockedError) await this.#finish(run, 'stopped', error.message);
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
    run.view.paused = undefined;
    run.view.question = undefined;
    this.#active.delete(run.view.id);
    this.#keepAlive.update(this.#active.size > 0);
    run.controller.abort();
    this.#transcript.add(run, { kind: 'status', text: statusLine(status, reason) });
    this.#transcript.changed(run);
    await Promise.all([run.computer.release(), saveRun(run.view)]);
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
