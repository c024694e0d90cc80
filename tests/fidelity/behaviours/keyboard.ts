/** FIDELITY.md 19-30: keyboard and text, on fixtures/fidelity/keyboard.html. */
import assert from 'node:assert/strict';
import type { KeyName } from '../../../extension/keys-table.ts';
import type { LogEntry, PageState } from '../../support/page-log.ts';
import type { Behaviour, RunOutput } from '../behaviour.ts';
import { at, centre } from '../../support/locate.ts';
import { caret, clicks, events, focus, seq } from './common.ts';

const fixture = 'keyboard.html';

const field = (r: RunOutput | { state: PageState }, id: string) => r.state.fields[id];
const markSel = (r: RunOutput, i: number, id: string) => r.marks[i]?.state.fields[id]?.sel;

/** Types into a framework's input after clicking it; the framework's own state must follow. */
function frameworkField(name: 'react' | 'vue' | 'angular', input: string): Behaviour {
  return {
    id: `20-${name}`,
    title: `type into a ${name === 'angular' ? 'AngularJS' : name === 'vue' ? 'Vue' : 'React'} input: the framework state updates`,
    fixture: `${fixture}?with=${name}`,
    steps: async (d) => {
      await d.click(...(await centre(d.page, `#${input}`)));
      await d.type('hello');
    },
    check: (r) => {
      assert.equal(r.state.app[name], 'hello', `${name} state`);
      assert.equal(field(r, input)?.value, 'hello');
    },
  };
}

function editor(
  id: string,
  title: string,
  lib: string | undefined,
  target: string,
  text: string,
  value: (r: RunOutput) => unknown,
  expected: string,
): Behaviour {
  return {
    id: `21-${id}`,
    title,
    fixture: lib ? `${fixture}?with=${lib}` : fixture,
    steps: async (d) => {
      await d.click(...(await at(d.page, target, 0.5, 0.3)));
      await d.type(text);
    },
    check: (r) => assert.equal(value(r), expected),
  };
}

function keyEvents(r: RunOutput, types = ['keydown']): LogEntry[] {
  return events(r, types).filter((e) => e['key'] !== 'Shift');
}

/** Runs of an identical block of entries (a held key's repeats) become one block. */
function collapseRepeats(log: LogEntry[]): LogEntry[] {
  const keys = log.map((e) => JSON.stringify(e));
  const out: string[] = [];
  const kept: LogEntry[] = [];
  keys.forEach((k, i) => {
    out.push(k);
    kept.push(log[i] as LogEntry);
    for (let len = 1; len <= 8 && 2 * len <= out.length; len++) {
      const a = out.slice(-2 * len, -len).join('\n');
      const b = out.slice(-len).join('\n');
      if (a === b) {
        out.splice(-len);
        kept.splice(-len);
        break;
      }
    }
  });
  return kept;
}

function tabs(
  id: string,
  title: string,
  setup: Behaviour['setup'],
  keys: KeyName[][],
  expected: string[],
): Behaviour {
  return {
    id,
    title,
    fixture,
    ...(setup ? { setup } : {}),
    steps: async (d) => {
      for (const k of keys) await d.chord(...k);
    },
    check: (r) => {
      assert.deepEqual(
        seq(events(r, ['focus'])).map((s) => s.replace('focus@', '')),
        expected,
      );
      assert.equal(r.state.active, expected[expected.length - 1]);
    },
  };
}

export const keyboardBehaviours: Behaviour[] = [
  {
    id: '19',
    title: 'type a sentence with a newline, 嗨, an emoji and a flag into a textarea',
    fixture,
    setup: focus('#ta'),
    steps: (d) => d.type('Hi there!\nSecond line: 嗨 🙂 🇫🇷'),
    check: (r) => {
      const text = 'Hi there!\nSecond line: 嗨 🙂 🇫🇷';
      assert.equal(field(r, 'ta')?.value, text);
      // Every character came with its key events (a flag may take one per code point).
      const keys = keyEvents(r).map((e) => (e['key'] === 'Enter' ? '\n' : String(e['key'])));
      assert.equal(keys.join(''), text);
      for (const type of ['keypress', 'beforeinput', 'input', 'keyup']) {
        assert.equal(keyEvents(r, [type]).length, keys.length, `one ${type} per keydown`);
      }
    },
  },
  frameworkField('react', 'react-input'),
  frameworkField('vue', 'vue-input'),
  frameworkField('angular', 'ng-input'),
  editor(
    'contenteditable',
    'type into a contenteditable element',
    undefined,
    '#ce',
    'hello world',
    (r) => field(r, 'ce')?.text,
    'hello world',
  ),
  editor(
    'beforeinput-model',
    'type into an editor that edits its own model in beforeinput (ProseMirror-like)',
    undefined,
    '#pm',
    'hello\nworld',
    (r) => r.state.app['pm'],
    'hello\nworld',
  ),
  editor(
    'quill',
    "type into Quill: the editor's model holds the text",
    'quill',
    '#quill',
    'hello world',
    (r) => r.state.extra?.['quill'],
    'hello world\n',
  ),
  editor(
    'codemirror',
    "type into CodeMirror 5: the editor's model holds the text",
    'codemirror',
    '#cm .CodeMirror',
    'let x = 1;\nx += 2;',
    (r) => r.state.extra?.['cm'],
    'let x = 1;\nx += 2;',
  ),
  editor(
    'monaco',
    "type into Monaco: the editor's model holds the text",
    'monaco',
    '#monaco',
    'const a = 2;',
    (r) => r.state.extra?.['monaco'],
    'const a = 2;',
  ),
  {
    id: '22',
    title: 'keydown handler cancels digits: they are not inserted',
    fixture,
    setup: focus('#guard'),
    steps: (d) => d.type('a1b2c3'),
    check: (r) => assert.equal(field(r, 'guard')?.value, 'abc'),
  },
  {
    id: '23-sides',
    title: 'Shift and Control, left and right: key, code, keyCode, location',
    fixture,
    setup: focus('#keys'),
    steps: async (d) => {
      for (const k of ['ShiftLeft', 'ShiftRight', 'ControlLeft', 'ControlRight'] as const)
        await d.chord(k);
    },
    check: (r) => {
      assert.deepEqual(
        events(r, ['keydown']).map(
          (e) =>
            `${String(e['key'])}/${String(e['code'])}/${String(e['keyCode'])}/${String(e['location'])}`,
        ),
        [
          'Shift/ShiftLeft/16/1',
          'Shift/ShiftRight/16/2',
          'Control/ControlLeft/17/1',
          'Control/ControlRight/17/2',
        ],
      );
    },
  },
  {
    id: '23-numpad',
    title: 'numpad keys: location 3, their own code and keyCode, and they type',
    fixture,
    setup: focus('#keys'),
    steps: async (d) => {
      await d.chord('Numpad1');
      await d.chord('NumpadAdd');
    },
    check: (r) => {
      assert.deepEqual(
        events(r, ['keydown']).map(
          (e) =>
            `${String(e['key'])}/${String(e['code'])}/${String(e['keyCode'])}/${String(e['location'])}`,
        ),
        ['1/Numpad1/97/3', '+/NumpadAdd/107/3'],
      );
      assert.equal(field(r, 'keys')?.value, '1+');
    },
  },
  {
    id: '23-shifted',
    title: "'!' is Digit1 with Shift, '~' is Backquote with Shift; keypress carries charCode",
    fixture,
    setup: focus('#keys'),
    steps: (d) => d.type('!~'),
    check: (r) => {
      assert.deepEqual(
        keyEvents(r).map(
          (e) =>
            `${String(e['key'])}/${String(e['code'])}/${String(e['keyCode'])}/${String(e['shift'])}`,
        ),
        ['!/Digit1/49/true', '~/Backquote/192/true'],
      );
      assert.deepEqual(
        keyEvents(r, ['keypress']).map((e) => [e['charCode'], e['which']]),
        [
          [33, 33],
          [126, 126],
        ],
      );
    },
  },
  {
    id: '24',
    title: 'holding a key repeats keydown with repeat: true after the first',
    fixture,
    setup: focus('#ta'),
    steps: (d) => d.hold(['a'], 800),
    // How many repeats fit in the time is pacing; that they come, and what they carry, is not.
    mapLog: collapseRepeats,
    mapState: (s) => ({
      ...s,
      fields: { ...s.fields, ta: { value: (s.fields['ta']?.value ?? '').replace(/a{2,}/, 'aa…') } },
    }),
    check: (r) => {
      const downs = events(r, ['keydown']);
      assert.equal(downs[0]?.['repeat'], false);
      assert.equal(downs[1]?.['repeat'], true);
      assert.equal(events(r, ['keyup']).length, 1);
    },
  },
  {
    id: '25-caret',
    title: 'ArrowLeft/Right, Home, End move the caret',
    fixture,
    setup: caret('#field', -1),
    steps: async (d, mark) => {
      for (let i = 0; i < 3; i++) await d.chord('ArrowLeft');
      await mark('left ×3');
      await d.chord('Home');
      await mark('home');
      await d.chord('ArrowRight');
      await d.chord('ArrowRight');
      await mark('right ×2');
      await d.chord('End');
    },
    check: (r) => {
      assert.deepEqual(markSel(r, 0, 'field'), [14, 14]);
      assert.deepEqual(markSel(r, 1, 'field'), [0, 0]);
      assert.deepEqual(markSel(r, 2, 'field'), [2, 2]);
      assert.deepEqual(field(r, 'field')?.sel, [17, 17]);
    },
  },
  {
    id: '25-shift-arrow',
    title: 'Shift+ArrowLeft extends the selection',
    fixture,
    setup: caret('#field', -1),
    steps: async (d) => {
      for (let i = 0; i < 5; i++) await d.chord('Shift', 'ArrowLeft');
    },
    check: (r) => assert.deepEqual(field(r, 'field')?.sel, [12, 17]),
  },
  {
    id: '25-word',
    title: 'Ctrl+Shift+ArrowLeft selects the previous word',
    fixture,
    setup: caret('#field', -1),
    steps: (d) => d.chord('Control', 'Shift', 'ArrowLeft'),
    check: (r) => assert.deepEqual(field(r, 'field')?.sel, [12, 17]),
  },
  {
    id: '25-delete',
    title: 'Backspace and Delete remove the selection or one character',
    fixture,
    setup: caret('#field', 6, 12),
    steps: async (d, mark) => {
      await d.chord('Backspace');
      await mark('backspace over the selection');
      await d.chord('Delete');
      await mark('delete');
      await d.chord('Backspace');
    },
    check: (r) => {
      assert.equal(r.marks[0]?.state.fields['field']?.value, 'hello world');
      assert.equal(r.marks[1]?.state.fields['field']?.value, 'hello orld');
      assert.equal(field(r, 'field')?.value, 'helloorld');
    },
  },
  {
    id: '26-select-all',
    title: 'Ctrl+A selects all in a field',
    fixture,
    setup: caret('#field', 3),
    steps: (d) => d.chord('Control', 'a'),
    check: (r) => assert.deepEqual(field(r, 'field')?.sel, [0, 17]),
  },
  {
    id: '26-select-page',
    title: 'Ctrl+A with nothing editable focused selects the page',
    // A page without contenteditable: in one that has some, Chromium's select-all collapses.
    fixture: 'scroll.html',
    steps: (d) => d.chord('Control', 'a'),
    check: (r) =>
      assert.match(r.state.range, /^scrollable box wheel is prevented here a wide line/),
  },
  {
    id: '26-copy-paste',
    title: 'Ctrl+C then Ctrl+V copies and pastes within the page',
    fixture,
    setup: caret('#field', 6, 11),
    steps: async (d) => {
      await d.chord('Control', 'c');
      await d.chord('End');
      await d.chord('Control', 'v');
    },
    check: (r) => {
      assert.equal(field(r, 'field')?.value, 'hello brave worldbrave');
      assert.deepEqual(seq(events(r, ['copy', 'paste'])), ['copy@field', 'paste@field']);
    },
  },
  {
    id: '26-cut-paste',
    title: 'Ctrl+X then Ctrl+V cuts and pastes within the page',
    fixture,
    setup: caret('#field', 6, 12),
    steps: async (d, mark) => {
      await d.chord('Control', 'x');
      await mark('cut');
      await d.chord('End');
      await d.chord('Control', 'v');
    },
    check: (r) => {
      assert.equal(r.marks[0]?.state.fields['field']?.value, 'hello world');
      assert.equal(field(r, 'field')?.value, 'hello worldbrave ');
    },
  },
  {
    id: '26-undo-redo',
    title: 'Ctrl+Z undoes typing; Ctrl+Shift+Z redoes it',
    fixture,
    setup: focus('#undo'),
    steps: async (d, mark) => {
      await d.type('abc');
      await d.chord('Control', 'z');
      await mark('undone');
      await d.chord('Control', 'Shift', 'z');
    },
    check: (r) => {
      assert.equal(r.marks[0]?.state.fields['undo']?.value, '');
      assert.equal(field(r, 'undo')?.value, 'abc');
    },
  },
  {
    id: '27-submit',
    title: "Enter in a single-line input submits its form, with the submit button's click",
    fixture,
    setup: focus('#fname'),
    steps: async (d) => {
      await d.type('Ann');
      await d.chord('Enter');
    },
    check: (r) => {
      assert.deepEqual(r.state.app['submitted'], { fname: 'Ann', submitter: 'submit' });
      assert.deepEqual(seq(events(r, ['click', 'submit'])), ['click@submit', 'submit@f']);
    },
  },
  {
    id: '27-textarea',
    title: 'Enter in a textarea inserts a newline',
    fixture,
    setup: focus('#ta'),
    steps: async (d) => {
      await d.type('a');
      await d.chord('Enter');
      await d.type('b');
    },
    check: (r) => {
      assert.equal(field(r, 'ta')?.value, 'a\nb');
      assert.equal(events(r, ['submit']).length, 0);
    },
  },
  tabs(
    '28-tab',
    'Tab moves focus along the tab order (tabindex first)',
    undefined,
    [['Tab'], ['Tab'], ['Tab'], ['Tab']],
    ['t3', 't2', 't1', 't4'],
  ),
  tabs(
    '28-shift-tab',
    'Shift+Tab moves focus backwards',
    focus('#t4'),
    [
      ['Shift', 'Tab'],
      ['Shift', 'Tab'],
    ],
    ['t1', 't2'],
  ),
  {
    id: '29-space-button',
    title: 'Space on a focused button clicks it',
    fixture,
    setup: focus('#btn2'),
    steps: (d) => d.chord('Space'),
    check: (r) => assert.deepEqual(clicks(r), { btn2: 1 }),
  },
  {
    id: '29-enter-button',
    title: 'Enter on a focused button clicks it',
    fixture,
    setup: focus('#btn2'),
    steps: (d) => d.chord('Enter'),
    check: (r) => assert.deepEqual(clicks(r), { btn2: 1 }),
  },
  {
    id: '29-space-checkbox',
    title: 'Space toggles a focused checkbox',
    fixture,
    setup: focus('#cb2'),
    steps: (d) => d.chord('Space'),
    check: (r) => {
      assert.equal(field(r, 'cb2')?.checked, true);
      assert.deepEqual(seq(events(r, ['click', 'input', 'change'])), [
        'click@cb2',
        'input@cb2',
        'change@cb2',
      ]);
    },
  },
  {
    id: '29-slider',
    title: 'arrow keys move a focused slider',
    fixture,
    setup: focus('#range'),
    steps: async (d) => {
      await d.chord('ArrowRight');
      await d.chord('ArrowRight');
      await d.chord('ArrowDown');
    },
    check: (r) => assert.equal(field(r, 'range')?.value, '6'),
  },
  {
    id: '29-radio',
    title: 'arrow keys move the checked radio of a group, and focus',
    fixture,
    setup: focus('#r1'),
    steps: (d) => d.chord('ArrowDown'),
    check: (r) => {
      assert.equal(field(r, 'r2')?.checked, true);
      assert.equal(r.state.active, 'r2');
    },
  },
  {
    id: '30-date',
    title: 'typing into <input type=date> sets the value the way typing does',
    fixture,
    setup: focus('#date'),
    steps: (d) => d.type('03152024'),
    check: (r) => assert.equal(field(r, 'date')?.value, '2024-03-15'),
  },
  {
    id: '30-time',
    title: 'typing into <input type=time> sets the value the way typing does',
    fixture,
    setup: focus('#time'),
    steps: (d) => d.type('1030P'),
    check: (r) => assert.equal(field(r, 'time')?.value, '22:30'),
  },
  {
    id: '30-number',
    title: 'typing into <input type=number> sets the value the way typing does',
    fixture,
    setup: focus('#number'),
    steps: (d) => d.type('42.5'),
    check: (r) => assert.equal(field(r, 'number')?.value, '42.5'),
  },
];
