import type { RunView } from '../extension/run.ts';

/** The run's state in words: done / stopped / failed with the reason. */
export function RunStatus({ run }: { run: RunView | null }) {
  if (!run) return <p class="status" role="status" aria-live="polite"></p>;
  const text = (() => {
    switch (run.status) {
      case 'running':
        return `Running… step ${run.steps}`;
      case 'done':
        return `Done: ${run.reason ?? ''}`;
      case 'stopped':
        return `Stopped: ${run.reason ?? 'by the user'}`;
      case 'failed':
        return `Failed: ${run.reason ?? 'unknown error'}`;
    }
  })();
  return (
    <p
      class={`status ${run.status}`}
      role="status"
      aria-live="polite"
      data-status={run.status}
      data-run-id={run.id}
    >
      {text}
    </p>
  );
}
