/** The popup and side panel: type a task, Run, watch it live, Stop. */
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { RunView, TranscriptEntry } from '../extension/run.ts';
import { activeTab, call, onRunEvents, openSettings } from './connector.ts';
import { RunStatus } from './run-status.tsx';
import { QuestionPrompt } from './question.tsx';
import { costUsd, formatUsd } from '../extension/cost.ts';
import { modelProfile } from '../extension/models.ts';
import { Transcript } from './transcript.tsx';

/** The newer of two views of the same run; a different run replaces the old one. */
function newer(current: RunView | null, next: RunView | null): RunView | null {
  if (!current || !next || current.id !== next.id) return next;
  return next.rev >= current.rev ? next : current;
}

function upsert(entries: readonly TranscriptEntry[], entry: TranscriptEntry): TranscriptEntry[] {
  const i = entries.findIndex((e) => e.id === entry.id);
  if (i < 0) return [...entries, entry];
  const next = [...entries];
  next[i] = entry;
  return next;
}

function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [run, setRun] = useState<RunView | null>(null);
  const [task, setTask] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let currentTab: number | null = null;
    const stop = onRunEvents((event) => {
      if (event.type === 'run') {
        const next = event.run;
        if (next && next.tabId === currentTab) setRun((r) => newer(r, next));
      } else {
        setRun((r) =>
          r && r.id === event.runId ? { ...r, entries: upsert(r.entries, event.entry) } : r,
        );
      }
    });
    void (async () => {
      try {
        const tab = await activeTab();
        if (!tab) throw new Error('No active tab');
        currentTab = tab.id;
        setTabId(tab.id);
        const existing = await call('runForTab', { tabId: tab.id });
        setRun((r) => (existing ? newer(r, existing) : r));
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return stop;
  }, []);

  const running = run?.status === 'running';

  const start = useCallback(async () => {
    if (tabId === null) return;
    setBusy(true);
    setError('');
    try {
      const started = await call('startRun', { tabId, task });
      setRun((r) => newer(r, started));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, [tabId, task]);

  /** Calls a run control and shows the run it returns, or the error. */
  const control = useCallback(
    async (method: 'stopRun' | 'pauseRun' | 'resumeRun' | 'takeOver') => {
      if (!run) return;
      try {
        const next = await call(method, { runId: run.id });
        setRun((r) => newer(r, next));
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [run],
  );

  const answer = useCallback(
    async (choice: string) => {
      if (!run?.question) return;
      try {
        const next = await call('answer', { runId: run.id, questionId: run.question.id, choice });
        setRun((r) => newer(r, next));
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [run],
  );
  const paused = running && !!run?.paused;

  return (
    <main>
      <header>
        <h1>tabpilot</h1>
        <button type="button" class="secondary" onClick={() => void openSettings()}>
          Settings
        </button>
      </header>
      <label>
        Task
        <textarea
          value={task}
          placeholder="What should Claude do on this page?"
          onInput={(e) => setTask(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !running) void start();
          }}
        />
      </label>
      <div class="buttons">
        <button
          type="button"
          onClick={() => void start()}
          disabled={busy || running || tabId === null || !task.trim()}
        >
          Run
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => void control('stopRun')}
          disabled={!running}
        >
          Stop
        </button>
        {paused ? (
          <button type="button" class="secondary" onClick={() => void control('resumeRun')}>
            Resume
          </button>
        ) : (
          <button
            type="button"
            class="secondary"
            onClick={() => void control('pauseRun')}
            disabled={!running}
          >
            Pause
          </button>
        )}
        <button
          type="button"
          class="secondary"
          onClick={() => void control('takeOver')}
          disabled={!running || !!run?.paused?.takenOver}
        >
          Take over
        </button>
      </div>
      {running && run?.question ? (
        <QuestionPrompt question={run.question} onAnswer={(c) => void answer(c)} />
      ) : null}
      {error ? (
        <p class="status failed" role="alert">
          {error}
        </p>
      ) : null}
      <RunStatus run={run} />
      <Transcript entries={run?.entries ?? []} />
      {run ? (
        <p class="usage">
          {run.steps} steps ·{' '}
          {run.usage.inputTokens +
            run.usage.cacheReadInputTokens +
            run.usage.cacheCreationInputTokens}{' '}
          input tokens ({run.usage.cacheReadInputTokens} from cache) · {run.usage.outputTokens}{' '}
          output tokens · about {formatUsd(costUsd(run.usage, modelProfile(run.model)))}
        </p>
      ) : null}
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
