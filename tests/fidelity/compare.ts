/**
 * Comparing a trusted run with an engine run: both logs normalised the same
 * way (pacing aside), then a diff of the logs, the page states and the marks,
 * each difference as one line that says where and what each side saw.
 */
import { deepStrictEqual } from 'node:assert/strict';
import type { LogEntry, PageState } from '../support/page-log.ts';
import type { Behaviour, RunOutput } from './behaviour.ts';

/** Events that come in bursts whose length depends on pacing, not on what happened. */
const moveLike = new Set([
  'pointermove',
  'mousemove',
  'drag',
  'dragover',
  'scroll',
  'pointerrawupdate',
]);

/**
 * Runs of move-like events (a drag's mousemoves, a smooth scroll's scroll
 * events) become one entry per type and target, in order of first appearance,
 * carrying the last one's coordinates: how many moves a gesture took is pacing;
 * where it went, and what else happened in between, is behaviour.
 */
export function normaliseLog(
  log: readonly LogEntry[],
  b: Pick<Behaviour, 'keepMoves' | 'ignore' | 'mapLog'>,
): LogEntry[] {
  const kept = b.ignore ? log.filter((e) => !b.ignore?.(e)) : [...log];
  const collapsed = b.keepMoves ? kept : collapseMoves(kept);
  return b.mapLog ? b.mapLog(collapsed) : collapsed;
}

function collapseMoves(kept: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let run = new Map<string, number>();
  for (const e of kept) {
    if (!moveLike.has(e.type)) {
      run = new Map();
      out.push(e);
      continue;
    }
    const key = `${e.type}@${e.target}`;
    const at = run.get(key);
    if (at === undefined) {
      run.set(key, out.length);
      out.push(e);
    } else {
      out[at] = e;
    }
  }
  return out;
}

function show(e: LogEntry | undefined, withClass = false): string {
  if (!e) return '(nothing)';
  const { type, target, button, buttons, detail, ...fixed } = e;
  const rest: Record<string, unknown> = { ...fixed };
  if (!withClass) delete rest['cls'];
  // Mouse fields only where they say something.
  if (buttons) rest['buttons'] = buttons;
  if (detail) rest['detail'] = detail;
  if (typeof button === 'number' && button > 0) rest['button'] = button;
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== undefined && v !== null && v !== false && v !== '')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
  return `${type}@${target}${fields ? ` ${fields}` : ''}`;
}

/**
 * The differing stretches of two logs (a longest-common-subsequence diff of
 * whole entries), each as `where: trusted … | engine …`, at most `limit`.
 */
function diffLogs(
  where: string,
  a: readonly LogEntry[],
  b: readonly LogEntry[],
  limit = 6,
): string[] {
  const ka = a.map((e) => JSON.stringify(e));
  const kb = b.map((e) => JSON.stringify(e));
  // lcs[i][j]: length of the LCS of ka[i..] and kb[j..].
  const lcs: number[][] = Array.from({ length: ka.length + 1 }, () =>
    new Array<number>(kb.length + 1).fill(0),
  );
  for (let i = ka.length - 1; i >= 0; i--) {
    for (let j = kb.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] =
        ka[i] === kb[j]
          ? (lcs[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const hunks: string[] = [];
  let i = 0;
  let j = 0;
  while (i < ka.length || j < kb.length) {
    if (i < ka.length && j < kb.length && ka[i] === kb[j]) {
      i++;
      j++;
      continue;
    }
    const from = [i, j];
    while (
      (i < ka.length || j < kb.length) &&
      !(i < ka.length && j < kb.length && ka[i] === kb[j])
    ) {
      if (j >= kb.length || (i < ka.length && (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)))
        i++;
      else j++;
    }
    let ta = a.slice(from[0], i).map((e) => show(e));
    let tb = b.slice(from[1], j).map((e) => show(e));
    // Entries that read the same differ in their event class: say which.
    if (ta.join() === tb.join()) {
      ta = a.slice(from[0], i).map((e) => show(e, true));
      tb = b.slice(from[1], j).map((e) => show(e, true));
    }
    hunks.push(
      `${where} at event ${(from[0] ?? 0) + 1}: trusted [${ta.join('; ') || 'nothing'}] | engine [${tb.join('; ') || 'nothing'}]`,
    );
  }
  if (hunks.length > limit)
    return [...hunks.slice(0, limit), `${where}: ${hunks.length - limit} more differences`];
  return hunks;
}

function diffValues(where: string, a: unknown, b: unknown): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffValues(`${where}.${k}`, a[k], b[k]));
  }
  try {
    deepStrictEqual(a, b);
    return [];
  } catch {
    return [`${where}: trusted ${JSON.stringify(a)} | engine ${JSON.stringify(b)}`];
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where two runs' records differ; empty when they agree. */
export function compareRuns(t: RunOutput, e: RunOutput, b?: Pick<Behaviour, 'mapState'>): string[] {
  const out: string[] = [];
  const map = (s: PageState | undefined): PageState | undefined =>
    s && b?.mapState ? b.mapState(s) : s;
  out.push(...diffLogs('log', t.log, e.log));
  const frameNames = [...new Set([...Object.keys(t.frames), ...Object.keys(e.frames)])];
  for (const f of frameNames)
    out.push(...diffLogs(`frame ${f} log`, t.frames[f] ?? [], e.frames[f] ?? []));
  out.push(...diffValues('state', map(t.state), map(e.state)));
  out.push(...diffValues('frame state', t.frameStates, e.frameStates));
  const marks = Math.max(t.marks.length, e.marks.length);
  for (let i = 0; i < marks; i++) {
    const label = t.marks[i]?.label ?? e.marks[i]?.label ?? String(i);
    out.push(...diffValues(`mark ${label}`, map(t.marks[i]?.state), map(e.marks[i]?.state)));
  }
  return out;
}
