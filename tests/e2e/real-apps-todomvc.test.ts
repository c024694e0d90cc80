/**
 * TodoMVC (todomvc@0.1.1's own example apps, unmodified) in four frameworks,
 * through the whole extension with the popup open: type + Return adds todos,
 * double-click edits one, a checkbox toggles one, a filter link filters, "Clear
 * completed" clears; the app's localStorage and rendered list are checked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { click, describeApps, doubleClick, key, type, waitForApp } from './real-apps.ts';

const magenta = { r: 255, g: 0, b: 255 };

/** What the app stored, every localStorage value, and what it shows. */
async function appState(page: Page) {
  return page.evaluate(() => ({
    hash: location.hash,
    // Shown: some apps filter by hiding items with a class.
    shown: [...document.querySelectorAll('#todo-list li')]
      .filter((li) => li.getClientRects().length > 0)
      .map((li) => ({
        title: li.querySelector('label')?.textContent?.trim(),
        done: li.classList.contains('completed'),
      })),
    stored: Object.keys(localStorage)
      .filter((k) => k.includes('todo'))
      .map((k) => localStorage.getItem(k) ?? '')
      .join('\n'),
  }));
}

describeApps('TodoMVC apps through the extension (popup open)', (runApp) => {
  for (const framework of (process.env.FW ?? 'vanillajs,backbone,angularjs,knockoutjs,react').split(
    ',',
  )) {
    test(`${framework}: add, edit, toggle, filter, clear completed`, async () => {
      const { page, run } = await runApp(
        `/node_modules/todomvc/examples/${framework}/index.html`,
        'Add "Buy milk" and "Walk dog", rename the first to "Buy milk now", complete the second, show completed ones and clear them.',
        [
          // The new-todo field wears a magenta marker; the model finds it in the screenshot.
          (c) => click(c.marker(magenta)),
          () => type('Buy milk\n'),
          () => type('Walk dog\n'),
          async (c) => doubleClick(await c.target('#todo-list li:nth-child(1) label')),
          () => key('End'),
          () => type(' now\n'),
          async (c) => click(await c.target('#todo-list li:nth-child(2) .toggle')),
          async (c) => click(await c.target('#filters a[href="#/completed"]')),
          async (c) => click(await c.target('#clear-completed')),
        ],
        {
          prepare: async (page) => {
            await page.evaluate(() => localStorage.clear());
            await page.reload({ waitUntil: 'load' });
            await page.waitForSelector('#new-todo');
            await page.addStyleTag({
              content: '#new-todo { outline: 6px solid #ff00ff !important; outline-offset: -6px; }',
            });
          },
        },
      );
      try {
        await waitForApp(
          page,
          'the completed filter shows nothing',
          () =>
            location.hash === '#/completed' &&
            [...document.querySelectorAll('#todo-list li')].every(
              (li) => li.getClientRects().length === 0,
            ),
        );
      } catch (e) {
        throw new Error(
          `${String(e)}\napp: ${JSON.stringify(await appState(page))}\nrun: ${run.transcript.join(' | ')}`,
        );
      }
      const state = await appState(page);
      assert.match(state.stored, /Buy milk now/, `stored: ${state.stored}`);
      assert.doesNotMatch(state.stored, /Walk dog/);
      assert.doesNotMatch(state.stored, /"title":\s*"Buy milk"/, 'the edit replaced the title');
      await page.click('#filters li:first-child a');
      await waitForApp(
        page,
        'the All filter shows one todo',
        () => document.querySelectorAll('#todo-list li').length === 1,
      );
      assert.deepEqual((await appState(page)).shown, [{ title: 'Buy milk now', done: false }]);
      await page.close();
    });
  }
});
