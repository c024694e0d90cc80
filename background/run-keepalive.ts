/**
 * Runs outlive the service worker. Chrome stops an idle worker after 30 s, and
 * each extension API call resets that timer, so while runs go a cheap call
 * keeps the worker alive. Chrome may still stop it (a model call over 5
 * minutes, memory pressure, a test): the alarm then wakes a new worker, which
 * picks the runs up from storage.
 */
import browser from 'webextension-polyfill';
import type { RunView } from '../extension/run.ts';
import { modelProfile } from '../extension/models.ts';
import { loadLoop, type StoredLoop } from './loop-store.ts';
import { listRuns } from './run-store.ts';
import { loadSettings } from './settings-store.ts';
import { TabComputer } from './tab-computer.ts';

/** Wakes a stopped service worker so it can carry interrupted runs on. */
export const resumeAlarm = 'tabpilot-resume';
// Chrome fires alarms of packed MV3 extensions at most every 30 s; unpacked (test) builds may go faster.
const resumeAlarmMinutes = __TEST__ ? 1 / 30 : 0.5;

/** Keeps the worker alive, and the resume alarm set, while any run goes. */
export class KeepAlive {
  #timer: ReturnType<typeof setInterval> | undefined;

  update(running: boolean): void {
    if (running && !this.#timer) {
      this.#timer = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
      void browser.alarms.create(resumeAlarm, { periodInMinutes: resumeAlarmMinutes });
    } else if (!running && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      void browser.alarms.clear(resumeAlarm);
    }
  }
}

/** A run that storage records as running, with its tab as it was when its state was stored. */
export interface InterruptedRun {
  readonly stored: RunView;
  readonly computer: TabComputer;
  /** Undefined when the worker stopped before the run's first step was stored. */
  readonly saved: StoredLoop | undefined;
}

/**
 * The runs storage records as running that no loop here owns (`owned` says
 * which are), one at a time: the next is read only after the caller took the
 * previous one.
 */
export async function* interruptedRuns(
  owned: (runId: string) => boolean,
): AsyncGenerator<InterruptedRun> {
  for (const stored of await listRuns()) {
    if (stored.status !== 'running' || owned(stored.id)) continue;
    const saved = await loadLoop(stored.id);
    const profile = modelProfile(stored.model);
    const { maskSensitiveFields } = await loadSettings();
    const computer = new TabComputer(stored.tabId, profile, { maskSensitiveFields });
    if (saved) computer.restore(saved.cursor, saved.geometry);
    yield { stored, computer, saved: saved ?? undefined };
  }
}
