import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { point } from '../../extension/geometry.ts';
import { perform } from '../support/engine-harness.ts';
import { both, centre, clearLog, log, openFixture, useEnv, type Driver } from './helpers.ts';

const env = useEnv();

const keyFields = (types: readonly string[]) => async (d: Driver) =>
  (await log(d.page))
    .filter((e) => types.includes(e.type))
    .map((e) =>
      [
        e.type,
        e.target,
        e.key,
        e.code,
        e.keyCode,
        e.which,
        e.charCode,
        e.location,
        e.inputType,
        e.data,
      ].join('|'),
    );

const value = (d: Driver, selector: string) =>
  d.page.$eval(selector, (e) => (e as HTMLInputElement).value);

async function focusField(d: Driver, selector: string): Promise<void> {
  await d.click(...(await centre(d.page, selector)));
  await clearLog(d.page);
}

describe('keyboard and text (FIDELITY 19-26)', () => {
  it('19: typing ASCII gives keydown, keypress, beforeinput, input, keyup per character, as trusted typing does', async () => {
    const types = ['keydown', 'keypress', 'beforeinput', 'input', 'keyup'];
    const r = await both(env, 'keyboard.html', async (d) => {
      await focusField(d, '#area');
      await d.type('hi there, ok.\nnext');
      return { events: await keyFields(types)(d), value: await value(d, '#area') };
    });
    assert.equal(r.trusted.value, 'hi there, ok.\nnext');
    assert.deepEqual(r.engine, r.trusted);
  });

  it('19: newline, CJK, emoji and flags land exactly, one key per code point (as a keyboard driver types)', async () => {
    const d = await openFixture(env, 'keyboard.html');
    try {
      await focusField(d, '#area');
      const text = 'Hi 嗨!\n👋🏽 and 🇫🇷 ok';
      await d.type(text);
      assert.equal(await value(d, '#area'), text);
      const keydowns = (await log(d.page))
        .filter((e) => e.type === 'keydown' && e.key !== 'Shift')
        .map((e) => e.key);
      assert.deepEqual(keydowns, [
        'H',
        'i',
        ' ',
        '嗨',
        '!',
        'Enter',
        '👋',
        '🏽',
        ' ',
        'a',
        'n',
        'd',
        ' ',
        '🇫',
        '🇷',
        ' ',
        'o',
        'k',
      ]);
      const inputs = (await log(d.page)).filter((e) => e.type === 'input').map((e) => e.data);
      assert.ok(inputs.includes('🇫') && inputs.includes('🇷') && inputs.includes('嗨'));
    } finally {
      await d.done();
    }
  });

  it('20: a React-style controlled input updates its state (and a value assignment would not)', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await focusField(d, '#react');
      await d.type('abc');
      return d.page.evaluate(() => (window as unknown as { reactState: string }).reactState);
    });
    assert.equal(r.trusted, 'abc');
    assert.equal(r.engine, 'abc');
    const d = await openFixture(env, 'keyboard.html');
    try {
      const state = await d.page.evaluate(() => {
        const input = document.getElementById('react') as HTMLInputElement;
        input.value = 'naive';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return (window as unknown as { reactState: string }).reactState;
      });
      assert.equal(state, '', 'the fixture rejects what React rejects');
    } finally {
      await d.done();
    }
  });

  it('21: contenteditable editors hold the typed text, also one that keeps its own model', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await focusField(d, '#editor');
      await d.type('one\ntwo');
      await focusField(d, '#model-editor');
      await d.type('hello\nworld');
      return d.page.evaluate(() => [
        document.getElementById('editor')?.innerText,
        (window as unknown as { editorModel: string }).editorModel,
      ]);
    });
    assert.deepEqual(r.trusted, ['one\ntwo', 'hello\nworld']);
    assert.deepEqual(r.engine, r.trusted);
  });

  it('22: characters whose keydown is cancelled are not inserted', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await focusField(d, '#no-digits');
      await d.type('a1b2c');
      return value(d, '#no-digits');
    });
    assert.equal(r.trusted, 'abc');
    assert.equal(r.engine, 'abc');
  });

  it('23: key, code, keyCode, which, charCode and location are those of real keys', async () => {
    const types = ['keydown', 'keypress', 'keyup'];
    const r = await both(env, 'keyboard.html', async (d) => {
      await focusField(d, '#text');
      await d.chord('Shift', 'Digit1');
      await d.chord('Shift', 'Backquote');
      await d.chord('ControlRight');
      await d.chord('ShiftRight');
      await d.chord('NumpadSubtract');
      await d.chord('Enter');
      return keyFields(types)(d);
    });
    // CDP's Input.dispatchKeyEvent reports location 1 on a numpad keyup; a real numpad key says 3 on both.
    const trusted = r.trusted.map((e) =>
      e.replace(
        'keyup|text|-|NumpadSubtract|109|109|0|1',
        'keyup|text|-|NumpadSubtract|109|109|0|3',
      ),
    );
    assert.deepEqual(r.engine, trusted);
    assert.ok(r.engine.includes('keypress|text|!|Digit1|33|33|33|0||'));
    assert.ok(r.engine.includes('keydown|text|Control|ControlRight|17|17|0|2||'));
    assert.ok(r.engine.includes('keydown|text|-|NumpadSubtract|109|109|0|3||'));
  });

  it('23: typed shifted characters come with Shift held, as a person types them', async () => {
    const d = await openFixture(env, 'keyboard.html');
    try {
      await focusField(d, '#text');
      await d.type('!~');
      const downs = (await log(d.page))
        .filter((e) => e.type === 'keydown')
        .map((e) => `${String(e.key)}/${String(e.code)}/${e.shift ? 'S' : ''}`);
      assert.deepEqual(downs, [
        'Shift/ShiftLeft/S',
        '!/Digit1/S',
        'Shift/ShiftLeft/S',
        '~/Backquote/S',
      ]);
      assert.equal(await value(d, '#text'), '!~');
    } finally {
      await d.done();
    }
  });

  it('24: holding a key repeats keydown with repeat: true after the first', async () => {
    const d = await openFixture(env, 'keyboard.html');
    try {
      await focusField(d, '#text');
      await perform(d.page, { kind: 'hold', keys: ['a'], durationMs: 700 });
      const keys = (await log(d.page)).filter((e) => e.type === 'keydown' || e.type === 'keyup');
      assert.ok(keys.length >= 4, `${keys.length} key events`);
      assert.equal(keys[0]?.repeat, false);
      assert.ok(keys.slice(1, -1).every((e) => e.type === 'keydown' && e.repeat === true));
      assert.equal(keys.at(-1)?.type, 'keyup');
      assert.equal(await value(d, '#text'), 'a'.repeat(keys.length - 1));
    } finally {
      await d.done();
    }
  });

  it('25: arrows, Home/End, Shift+arrows, Ctrl+Shift+ArrowLeft, Backspace and Delete edit like real keys', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await focusField(d, '#filled');
      const states: unknown[] = [];
      const snap = async () =>
        states.push(
          await d.page.$eval('#filled', (e) => {
            const i = e as HTMLInputElement;
            return [i.value, i.selectionStart, i.selectionEnd];
          }),
        );
      await d.chord('End');
      await snap();
      await d.chord('Control', 'Shift', 'ArrowLeft');
      await snap();
      await d.chord('Backspace');
      await snap();
      await d.chord('Home');
      await d.chord('ArrowRight');
      await d.chord('Shift', 'ArrowRight');
      await d.chord('Shift', 'ArrowRight');
      await snap();
      await d.chord('Delete');
      await snap();
      await d.chord('ArrowLeft');
      await d.chord('Backspace');
      await snap();
      return states;
    });
    assert.deepEqual(r.engine, r.trusted);
  });

  it('26: Ctrl+A selects all in a field, or the page; Ctrl+C/Ctrl+V copy within the page; Ctrl+Z undoes', async () => {
    const r = await both(env, 'keyboard.html', async (d) => {
      await focusField(d, '#filled');
      await d.chord('Control', 'a');
      const field = await d.page.$eval('#filled', (e) => [
        (e as HTMLInputElement).selectionStart,
        (e as HTMLInputElement).selectionEnd,
      ]);
      await d.type('replaced');
      const replaced = await value(d, '#filled');
      await d.chord('Control', 'z');
      const undone = await value(d, '#filled');
      await d.click(...(await centre(d.page, '#copy-src')));
      await d.chord('Control', 'a');
      const page = await d.page.evaluate(() => getSelection()?.toString().includes('Model editor'));
      return { field, replaced, undone, page };
    });
    // Chromium merges typed characters into undo steps, but where a step ends varies from run to
    // run (for trusted typing too): one Ctrl+Z undoes the word, or its last few characters.
    const undid = (v: string) =>
      v === 'hello brave world' || ('replaced'.startsWith(v) && v.length < 8);
    for (const run of [r.trusted, r.engine]) assert.ok(undid(run.undone), run.undone);
    assert.deepEqual(
      { ...r.trusted, undone: '' },
      { field: [0, 17], replaced: 'replaced', undone: '', page: true },
    );
    assert.deepEqual({ ...r.engine, undone: '' }, { ...r.trusted, undone: '' });
    const d = await openFixture(env, 'keyboard.html');
    try {
      await focusField(d, '#filled');
      await d.chord('Control', 'a');
      await d.chord('Control', 'c');
      await focusField(d, '#text');
      await d.chord('Control', 'v');
      assert.equal(await value(d, '#text'), 'hello brave world');
      const events = (await log(d.page)).filter((e) => e.type === 'paste').length;
      assert.equal(events, 1);
    } finally {
      await d.done();
    }
  });

  it('Backspace, Return and Tab from a chord act on the focused field', async () => {
    const d = await openFixture(env, 'keyboard.html');
    try {
      await focusField(d, '#area');
      await d.type('abc');
      await perform(d.page, { kind: 'chord', keys: ['Backspace'] });
      await perform(d.page, { kind: 'chord', keys: ['Enter'] });
      assert.equal(await value(d, '#area'), 'ab\n');
      const report = await perform(d.page, { kind: 'chord', keys: ['Tab'] });
      assert.equal(await d.page.evaluate(() => document.activeElement?.id), 'react');
      assert.equal(report.kind, 'done');
      assert.match((report.kind === 'done' && report.target) || '', /input\[type=text\]/);
    } finally {
      await d.done();
    }
  });
});

void point;
