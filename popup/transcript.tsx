import { useEffect, useRef } from 'preact/hooks';
import type { TranscriptEntry } from '../extension/run.ts';

/** The live transcript: Claude's words, each action and where it landed. */
export function Transcript({ entries }: { entries: readonly TranscriptEntry[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);
  return (
    <div class="log" role="log" aria-label="Transcript" aria-live="polite" ref={ref}>
      {entries.map((e) => (
        <div key={e.id} class={`entry ${e.kind}`} data-kind={e.kind}>
          {e.kind === 'action' || e.kind === 'error' ? '▸ ' : ''}
          {e.text}
          {e.point ? (
            <span class="hint">
              {' '}
              → page ({e.point.css.x}, {e.point.css.y})
            </span>
          ) : null}
        </div>
      ))}
    </div>
  );
}
