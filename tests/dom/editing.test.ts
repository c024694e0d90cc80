/**
 * Editing commands through the keyboard, engine against trusted input: the
 * events of keyboard selection (select), cut and paste (deleteByCut,
 * insertFromPaste), undo and redo (historyUndo / historyRedo with their
 * beforeinput), and what the field holds after each.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyName } from '../../extension/keys-table.ts';
import { both, centre, clearLog, log, useEnv, type Driver } from './helpers.ts';

const env = useEnv();

/** Clicks the field, puts its selection at start..end, and clears the log (the setup's select included). */
async function prepare(d: Driver, selector: string, start: number, end = start): Promise<void> {
  await d.click(...(await centre(d.page, selector)));
  await d.page.$eval(
    selector,
    (e, s, t) => (e as HTMLInputElement).setSelectionRange(s, t),
    start,
    end,
  );
  // setSelectionRange queues its select event: let it fire before the log is cleared.
  await d.page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  await clearLog(d.page);
}

/** The editing events since the last call, as `type:inputType` (or `type`), then clears the log. */
async function edits(d: Driver): Promise<string> {
  const types = ['beforeinput', 'input', 'select', 'selectstart', 'cut', 'copy', 'paste'];
  const entries = (await log(d.page)).filter((e) => types.includes(e.type));
  await clearLog(d.page);
  return entries.map((e) => (e.inputType ? `${e.type}:${String(e.inputType)}` : e.type)).join(' ');
}

function field(d: Driver, selector: string): Promise<[string, number | null, number | null]> {
  return d.page.$eval(selector, (e) => {
    const i = e as HTMLInputElement;
    return [i.value, i.selectionStart, i.selectionEnd] as [string, number | null, number | null];
  });
}

/** Runs the chords one by one, recording the events and the field after each. */
async function steps(d: Driver, selector: string, chords: KeyName[][]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const keys of chords) {
    await d.chord(...keys);
    // A queued select (setSelectionRange's) would come after the chord: wait for it too.
    await d.page.evaluate(() => new Promise((r) => setTimeout(r, 30)));
    out.push([keys.join('+'), await edits(d), ...(await field(d, selector))]);
  }
  return out;
}

describe('editing commands from the keyboard, as Chromium runs them', () => {
  it('keyboard selection fires select at once when a text field gets a range, not for a caret', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await prepare(d, '#filled', 17);
      return steps(d, '#filled', [
        ['Shift', 'ArrowLeft'],
        ['Shift', 'ArrowRight'],
        ['Shift', 'ArrowRight'],
        ['Control', 'Shift', 'ArrowLeft'],
        ['Shift', 'Home'],
        ['Control', 'a'],
        ['Control', 'a'],
      ]);
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.equal((r.trusted[0] as string[])[1], 'select');
  });

  it('cut and paste are deleteByCut and insertFromPaste, and Ctrl+Z / Ctrl+Shift+Z undo and redo them', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await prepare(d, '#filled', 6, 12);
      return steps(d, '#filled', [
        ['Control', 'x'],
        ['End'],
        ['Control', 'v'],
        ['Control', 'z'],
        ['Control', 'z'],
        ['Control', 'Shift', 'KeyZ'],
        ['Control', 'Shift', 'KeyZ'],
      ]);
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.deepEqual(r.trusted[2], [
      'Control+v',
      'paste beforeinput:insertFromPaste input:insertFromPaste',
      'hello worldbrave ',
      17,
      17,
    ]);
  });

  it('paste into a React-style controlled input updates its state', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await prepare(d, '#filled', 0, 5);
      await d.chord('Control', 'c');
      await prepare(d, '#react', 0);
      await d.chord('Control', 'v');
      return d.page.evaluate(() => (window as unknown as { reactState: string }).reactState);
    });
    assert.equal(r.trusted, 'hello');
    assert.equal(r.engine, 'hello');
  });

  it('Enter in a single-line field fires beforeinput insertLineBreak; cancelling it leaves the field', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await prepare(d, '#filled', 17);
      const plain = await steps(d, '#filled', [['Enter']]);
      await d.page.$eval('#filled', (e) =>
        e.addEventListener('beforeinput', (ev) => ev.preventDefault()),
      );
      return [...plain, ...(await steps(d, '#filled', [['Enter'], ['Backspace']]))];
    });
    assert.deepEqual(r.engine, r.trusted);
  });
});
