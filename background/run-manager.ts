/**
 * Owns the runs: starts the agent loop for a tab, keeps each run's record and
 * loop state in storage after every step, carries runs on after the browser
 * stopped the service worker, streams changes to connected pages, and stops
 * runs on request. Run state lives here, not in the popup.
 */
import browser from 'webextension-polyfill';
import type { Question, RunEvent, RunView, TranscriptEntry, Usage } from '../extension/run.ts';
import { addAllowedSite, isBlocked } from '../extension/site-policy.ts';
import { zeroUsage } from '../extension/run.ts';
import { modelProfile } from '../extension/models.ts';
import { computerTool, runAgentLoop, type LoopEvents, type LoopState } from './agent-loop.ts';
import { cachedSystem, contextOptions, prepareMessages } from './context-policy.ts';
import { ConfigError, StoppedError, errorMessage } from './errors.ts';
import { setBadge } from './badge.ts';
import { SiteBlockedError, SiteGuard, siteChoices, type SiteChoice } from './site-guard.ts';
import { riskChoices } from './risk-guard.ts';
import type { PageAction } from '../extension/actions.ts';
import { limitReached } from './limits.ts';
import { detectInjection } from './injection-detector.ts';
import { anthropicModelClient, requestMaxTokens, type ModelClient } from './model-client.ts';
import { loadLoop, saveLoop } from './loop-store.ts';
import { listRuns, loadRun, saveRun } from './run-store.ts';
import { loadSettings, saveSettings } from './settings-store.ts';
import { systemPrompt } from './system-prompt.ts';
import { TabComputer } from './tab-computer.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface ActiveRun {
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

const injectionChoices = ['Continue', 'Stop'] as const;

/** A limit of the run was reached: it ends as failed with this reason. */
class LimitError extends Error {
  override name = 'LimitError';
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
    const computer = new TabComputer(tabId, profile, {
      maskSensitiveFields: settings.maskSensitiveFields,
    });
    const blocked = isBlocked((await computer.currentUrl()) ?? '', settings.blocklist);
    if (blocked) {
      throw new ConfigError(
        `This site is on your blocklist (${blocked.category}: ${blocked.domain}); tabpilot does not act there`,
      );
    }
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
    this.#addEntry(run, { kind: 'task', text: trimmed });
    await saveRun(run.view);
    this.#changed(run);
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

  pause(runId: string, takenOver = false): RunView {
    const run = this.#require(runId);
    if (!run.resumed) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((ok) => (resolve = ok));
      run.resumed = { promise, resolve };
    }
    run.view.paused = { takenOver: takenOver || (run.view.paused?.takenOver ?? false) };
    this.#addEntry(run, {
      kind: 'status',
      text: takenOver
        ? 'Paused: you have the page. Press Resume when you are done.'
        : 'Paused. Press Resume to carry on.',
    });
    this.#changed(run);
    return this.#snapshot(run);
  }

  resume(runId: string): RunView {
    const run = this.#require(runId);
    if (!run.resumed) return this.#snapshot(run);
    run.note = run.view.paused?.takenOver
      ? 'The user took over and acted on the page themselves while the run was paused. The screenshot shows the page now; carry on from there.'
      : 'The user paused the run and has resumed it. The screenshot shows the page now.';
    run.view.paused = undefined;
    const { resolve } = run.resumed;
    run.resumed = undefined;
    resolve();
    this.#addEntry(run, { kind: 'status', text: 'Resumed.' });
    this.#changed(run);
    return this.#snapshot(run);
  }

  answer(runId: string, questionId: string, choice: string): RunView {
    const run = this.#require(runId);
    const question = run.view.question;
    if (!question || question.id !== questionId) {
      throw new ConfigError('That question is no longer open');
    }
    if (!question.choices.includes(choice)) {
      throw new ConfigError(
        `“${choice}” is not one of the answers: ${question.choices.join(', ')}`,
      );
    }
    run.answer?.(choice);
    run.view.question = undefined;
    this.#changed(run);
    return this.#snapshot(run);
  }

  /** Asks the user and waits for the answer (or for Stop). */
  async ask(run: ActiveRun, question: Omit<Question, 'id'>): Promise<string> {
    const full: Question = { ...question, id: crypto.randomUUID() };
    const signal = run.controller.signal;
    try {
      return await new Promise<string>((resolve, reject) => {
        if (signal.aborted) {
          reject(new StoppedError());
          return;
        }
        const onAbort = (): void => reject(new StoppedError());
        signal.addEventListener('abort', onAbort, { once: true });
        run.answer = (choice) => {
          signal.removeEventListener('abort', onAbort);
          resolve(choice);
        };
        run.view.question = full;
        this.#addEntry(run, { kind: 'status', text: `Waiting for you: ${full.title}` });
        this.#changed(run);
      });
    } finally {
      run.answer = undefined;
      run.view.question = undefined;
      this.#changed(run);
    }
  }

  /** A tab was opened: a run whose tab opened it follows it after the current action. */
  tabOpened(tabId: number, openerTabId: number | undefined): void {
    for (const run of this.#active.values()) run.computer.tabOpened(tabId, openerTabId);
  }

  /** A download started: every running run hears of it with its next tool result. */
  downloadStarted(name: string): void {
    for (const run of this.#active.values()) run.computer.downloadStarted(name);
  }

  /** Tracks the tab a run moved to, and keeps the run's tabs together. */
  #tabChanged(run: ActiveRun): void {
    const tabId = run.computer.tabId;
    if (run.view.tabId === tabId) return;
    const previous = run.view.tabId;
    run.view.tabId = tabId;
    void setBadge(previous, null);
    this.#changed(run);
    void groupTabs(run.computer.tabs);
  }

  /**
   * A tab closed. A run that was working in it goes on in the last other tab
   * it worked in; with none left, it ends with the reason.
   */
  async tabClosed(tabId: number): Promise<void> {
    for (const run of [...this.#active.values()]) {
      const change = run.computer.tabClosed(tabId);
      if (change === 'unaffected') continue;
      if (change === 'lost') {
        await this.#finish(run, 'failed', 'The task’s tab was closed');
        continue;
      }
      run.note = `The tab you were working in was closed; you are now in the run's previous tab.`;
      this.#addEntry(run, {
        kind: 'status',
        text: 'The tab was closed; carrying on in the previous tab.',
      });
      this.#tabChanged(run);
    }
  }

  /** Ids of the runs going now, in one tab or in all. */
  activeRunIds(tabId?: number): string[] {
    return [...this.#active.values()]
      .filter((r) => tabId === undefined || r.view.tabId === tabId)
      .map((r) => r.view.id);
  }

  #require(runId: string): ActiveRun {
    const run = this.#active.get(runId);
    if (!run) throw new ConfigError('That run is not running');
    return run;
  }

  /** Waits while the run is paused; Stop still ends it. */
  async #whilePaused(run: ActiveRun): Promise<void> {
    while (run.resumed) {
      const signal = run.controller.signal;
      if (signal.aborted) throw new StoppedError();
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(new StoppedError());
        signal.addEventListener('abort', onAbort, { once: true });
        void run.resumed?.promise.then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
  }

  #makeRun(view: ActiveRun['view'], computer: TabComputer): ActiveRun {
    const run: ActiveRun = {
      view,
      controller: new AbortController(),
      computer,
      sites: this.#siteGuard(() => run),
      acknowledged: new Set(),
    };
    return run;
  }

  #siteGuard(get: () => ActiveRun): SiteGuard {
    return new SiteGuard({
      settings: loadSettings,
      url: async () => (await get().computer.currentUrl()) ?? '',
      ask: async (site) =>
        (await this.ask(get(), {
          kind: 'site',
          title: `Allow tabpilot to act on ${site}?`,
          detail: `Claude wants to act on ${site}. Allow it once for this run, always, or deny.`,
          choices: siteChoices,
        })) as SiteChoice,
      allowAlways: async (site) => {
        const settings = await loadSettings();
        await saveSettings({ allowedSites: addAllowedSite(settings.allowedSites, site) });
      },
    });
  }

  /** Asks the user before an action the page shows to be risky (buy, delete, password...). */
  async #approveRisk(
    run: ActiveRun,
    actions: readonly PageAction<'model'>[],
  ): Promise<{ allow: true } | { allow: false; reason: string }> {
    const risk = await run.computer.findRisk(actions);
    if (!risk) return { allow: true };
    const image = risk.at ? await run.computer.markedScreenshot(risk.at) : undefined;
    const choice = await this.ask(run, {
      kind: 'risky',
      title: 'Approve this action?',
      detail: risk.reason,
      choices: riskChoices,
      ...(image ? { image } : {}),
    });
    if (choice === 'Approve') return { allow: true };
    return {
      allow: false,
      reason: `The user declined this action (${risk.reason}). Do not try it another way; ask the user what to do.`,
    };
  }

  /**
   * Looks for instructions aimed at an AI agent in the page's text (visible and
   * hidden) and in what the page flashed since the last step. A finding pauses
   * the run until the user says Continue or Stop; the same text is not asked about twice.
   */
  async #checkInjection(run: ActiveRun): Promise<void> {
    const fragments = await run.computer.pageText();
    const journal = run.computer.takeJournal().map((text) => ({ text, source: 'journal' }));
    const result = detectInjection([...fragments, ...journal]);
    if (!result.found) return;
    const key = result.excerpts.map((e) => e.text).join('\n');
    if (run.acknowledged.has(key)) return;
    const choice = await this.ask(run, {
      kind: 'injection',
      title: 'This page may be trying to give Claude orders',
      detail: result.excerpts.map((e) => `“${e.text}” (${e.why})`).join('\n'),
      choices: injectionChoices,
    });
    if (choice === 'Stop') throw new StoppedError();
    run.acknowledged.add(key);
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
      const { maskSensitiveFields } = await loadSettings();
      const computer = new TabComputer(stored.tabId, profile, { maskSensitiveFields });
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
      actionStarted: (id, summary) =>
        this.#upsertEntry(run, `${run.view.id}:act:${id}`, 'action', `${summary} …`),
      action: (id, summary, outcome, isError) => {
        this.#tabChanged(run);
        this.#upsertEntry(
          run,
          `${run.view.id}:act:${id}`,
          isError ? 'error' : 'action',
          outcome?.text ? `${summary} — ${outcome.text}` : summary,
          outcome?.point,
        );
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
      const profile = modelProfile(run.view.model);
      const client: ModelClient = this.makeClient({
        apiKey: settings.apiKey,
        baseUrl: settings.baseUrl,
        profile,
      });
      const system = systemPrompt(new Date(run.view.startedAt), navigator.userAgent);
      // Old screenshots go in chunks and cache breakpoints follow the turns: see context-policy.ts.
      const context = contextOptions(profile, {
        system,
        tools: [computerTool(profile.toolType, { width: 1568, height: 1568 }, profile.zoom)],
        maxTokens: requestMaxTokens(profile),
      });
      const outcome = await runAgentLoop({
        task: run.view.task,
        system: cachedSystem(system),
        prepare: (messages) => prepareMessages(messages, context),
        model: client,
        computer: run.computer,
        limits: { maxSteps: settings.maxSteps, maxConsecutiveErrors },
        events,
        signal: run.controller.signal,
        resume,
        guard: async (plan) => {
          await this.#whilePaused(run);
          if (plan.kind !== 'actions') return { allow: true };
          const refusal = await run.sites.check();
          if (refusal) return { allow: false, reason: refusal };
          return this.#approveRisk(run, plan.actions);
        },
        beforeModelCall: async () => {
          await this.#whilePaused(run);
          const limit = limitReached(
            run.view.usage,
            profile,
            run.view.startedAt,
            Date.now(),
            settings,
          );
          if (limit) throw new LimitError(limit);
          await run.sites.checkBlocked();
          await this.#checkInjection(run);
          const note = run.note;
          run.note = undefined;
          return note;
        },
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
    this.#updateKeepAlive();
    run.controller.abort();
    this.#addEntry(run, { kind: 'status', text: statusLine(status, reason) });
    this.#changed(run);
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

  #upsertEntry(
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

  #snapshot(run: ActiveRun): RunView {
    return { ...run.view, entries: [...run.view.entries] };
  }

  #bump(run: ActiveRun): void {
    run.view.rev = (run.view.rev ?? 0) + 1;
  }

  /** Tells connected pages and the badge that the run's state changed. */
  #changed(run: ActiveRun): void {
    this.#bump(run);
    this.#emit({ type: 'run', run: this.#snapshot(run) });
    const v = run.view;
    void setBadge(
      v.tabId,
      v.status !== 'running' ? null : v.question ? 'waiting' : v.paused ? 'paused' : 'running',
    );
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

/** Keeps a run's tabs in one tab group (Chrome only; Firefox has no tab groups). */
async function groupTabs(tabIds: readonly number[]): Promise<void> {
  if (tabIds.length < 2 || typeof chrome === 'undefined' || !chrome.tabs?.group) return;
  await chrome.tabs.group({ tabIds: [...tabIds] as [number, ...number[]] }).catch(() => undefined);
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
