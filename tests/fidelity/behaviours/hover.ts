/** FIDELITY.md 33: CSS :hover, on fixtures/fidelity/hover.html. A known gap of synthetic input. */
import assert from 'node:assert/strict';
import type { Behaviour, RunOutput } from '../behaviour.ts';
import { box, centre } from '../../support/locate.ts';

const fixture = 'hover.html';

/** The engine cannot produce :hover; it must say so, so Claude looks for another way. */
function reportsHover(r: RunOutput): void {
  assert.ok(
    r.notes.some((n) => n.includes(':hover')),
    `the report mentions :hover: ${JSON.stringify(r.notes)}`,
  );
}

export const hoverBehaviours: Behaviour[] = [
  {
    id: '33-reveal',
    title: 'a delete button shown only on CSS :hover of its row: hover the row, click it',
    fixture,
    steps: async (d) => {
      await d.move(...(await centre(d.page, '#row1')));
      // Where the button is drawn once the row is hovered (it has a box while hidden).
      await d.click(...(await centre(d.page, '#del1')));
    },
    check: (r) => assert.deepEqual(r.state.app['deleted'], ['row1']),
    engineCheck: reportsHover,
  },
  {
    id: '33-menu',
    title: 'a submenu shown only on CSS :hover of its menu: hover the menu, click an item',
    fixture,
    steps: async (d) => {
      const menu = await box(d.page, '#menu');
      await d.move(...(await centre(d.page, '#menu')));
      await d.click(menu.x + 40, menu.y + menu.height + 10);
    },
    check: (r) => assert.equal(r.state.app['chosen'], 'settings'),
    engineCheck: reportsHover,
  },
];
