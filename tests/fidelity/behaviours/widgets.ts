/** FIDELITY.md 31-32: native widgets and dialogs, on fixtures/fidelity/widgets.html. */
import assert from 'node:assert/strict';
import type { Behaviour, RunOutput } from '../behaviour.ts';
import { centre } from '../../support/locate.ts';
import { events, seq } from './common.ts';

const fixture = 'widgets.html';

function dialog(type: 'alert' | 'confirm' | 'prompt', message: string, answer: unknown): Behaviour {
  return {
    id: `32-${type}`,
    title: `${type}(): the page is not left blocked; Claude is told what it said and what was answered`,
    fixture,
    // A native dialog takes focus from the page and gives it back (blur/focus on window and on
    // the button); the extension answers in the page's world without one, by design.
    ignore: (e) => ['blur', 'focus', 'focusin', 'focusout'].includes(e.type),
    steps: async (d) => d.click(...(await centre(d.page, `#${type}`))),
    until: 'window.__app.dialogs.length > 0',
    check: (r) => {
      assert.deepEqual(
        r.dialogs.filter((x) => x.closedBy === 'watchdog'),
        [],
        'the page stayed blocked until the test closed the dialog',
      );
      assert.deepEqual(r.state.app['dialogs'], [[type, answer]]);
    },
    engineCheck: (r: RunOutput) => {
      assert.ok(
        r.notes.some((n) => n.includes(message)),
        `the report tells Claude what the ${type} said: ${JSON.stringify(r.notes)}`,
      );
    },
  };
}

export const widgetBehaviours: Behaviour[] = [
  {
    id: '31-select',
    title: 'click a native <select>, choose with the keyboard: value set, input and change fire',
    fixture,
    steps: async (d) => {
      await d.click(...(await centre(d.page, '#sel')));
      await d.chord('ArrowDown');
      await d.chord('Enter');
    },
    check: (r) => {
      assert.equal(r.state.fields['sel']?.value, 'banana');
      assert.deepEqual(seq(events(r, ['input', 'change'])), ['input@sel', 'change@sel']);
    },
  },
  {
    id: '31-multiple',
    title: '<select multiple>: click, ctrl-click, shift-click',
    fixture,
    steps: async (d, mark) => {
      await d.click(...(await centre(d.page, '#multi option[value=m1]')));
      await mark('click');
      await d.click(...(await centre(d.page, '#multi option[value=m3]')), {
        modifiers: ['Control'],
      });
      await mark('ctrl-click');
      await d.click(...(await centre(d.page, '#multi option[value=m5]')), { modifiers: ['Shift'] });
    },
    check: (r) => {
      assert.equal(r.marks[0]?.state.fields['multi']?.value, 'm1');
      assert.equal(r.marks[1]?.state.fields['multi']?.value, 'm1,m3');
      assert.equal(r.state.fields['multi']?.value, 'm3,m4,m5');
    },
  },
  dialog('alert', 'Saved your changes.', 'undefined'),
  dialog('confirm', 'Delete the file?', true),
  dialog('prompt', 'Your name?', 'Ann'),
];
