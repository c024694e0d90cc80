/**
 * Widget libraries through the whole extension (popup open): React 18 + MUI
 * (a Select that opens on mousedown, an Autocomplete), jQuery UI (datepicker
 * that opens on focus, mouse-based sortable and slider) and SortableJS (native
 * HTML5 drag-and-drop). Each checks the app's own state.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { click, describeApps, drag, type, waitForApp } from './real-apps.ts';

interface AppState {
  __app?: Record<string, unknown>;
}

describeApps('widget libraries through the extension (popup open)', (runApp) => {
  test('React + MUI: Select opens on mousedown and picks; Autocomplete filters and picks', async () => {
    const { page } = await runApp(
      '/fixtures/apps/mui.html',
      'Choose Banana as the fruit and Germany as the country.',
      [
        async (c) => click(await c.target('#fruit')),
        async (c) => click(await c.target('li[data-value="Banana"]')),
        async (c) => click(await c.target('#country')),
        () => type('Ger'),
        async (c) => click(await c.targetText('[role=listbox] [role=option]', 'Germany')),
      ],
      { prepare: (p) => p.waitForSelector('#fruit').then(() => undefined) },
    );
    await waitForApp(page, 'Banana and Germany chosen', () => {
      const app = (window as AppState).__app;
      return app?.['fruit'] === 'Banana' && app['country'] === 'Germany';
    });
    assert.equal(await page.$eval('#country', (e) => (e as HTMLInputElement).value), 'Germany');
    await page.close();
  });

  test('jQuery UI: datepicker opens on focus and picks a day; sortable reorders; slider slides', async () => {
    const { page } = await runApp(
      '/fixtures/apps/jquery-ui.html',
      'Pick 15 March 2024, move "One" below "Three", and set the slider to about 75.',
      [
        async (c) => click(await c.target('#date')),
        async (c) => click(await c.targetText('.ui-datepicker-calendar a', '15')),
        async (c) => drag(await c.target('#i1'), await c.target('#i3', 0.5, 0.9)),
        async (c) =>
          drag(await c.target('#slider .ui-slider-handle'), await c.target('#slider', 0.75, 0.5)),
      ],
    );
    await waitForApp(page, 'date, order and slider set', () => {
      const app = (window as AppState).__app;
      return app?.['date'] === '2024-03-15' && app['order'] === 'i2,i3,i1,i4';
    });
    const slider = await page.evaluate(() => (window as AppState).__app?.['slider']);
    assert.ok(Math.abs(Number(slider) - 75) <= 2, `slider at ${String(slider)}`);
    assert.equal(await page.$eval('#date', (e) => (e as HTMLInputElement).value), '2024-03-15');
    await page.close();
  });

  test('SortableJS: native HTML5 drag-and-drop moves an item', async () => {
    const { page } = await runApp('/fixtures/apps/sortable.html', 'Move Alpha below Gamma.', [
      async (c) =>
        drag(
          await c.target('#items li:nth-child(1)'),
          await c.target('#items li:nth-child(3)', 0.5, 0.8),
        ),
    ]);
    await waitForApp(
      page,
      'Alpha after Gamma',
      () => (window as AppState).__app?.['order'] === 'b,c,a,d',
    );
    assert.equal(
      await page.evaluate(() => (window as AppState).__app?.['native']),
      true,
      'a native drag',
    );
    await page.close();
  });
});
