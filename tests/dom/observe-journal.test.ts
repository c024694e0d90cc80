import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { JournalEntry } from '../../extension/protocol.ts';
import {
  injectDialogHook,
  injectObservers,
  observe,
  openObserved,
} from '../support/observe-harness.ts';
import { useEnv } from './helpers.ts';

const env = useEnv();

/** Runs one of the fixture's scenarios (a function on window). */
const start = (page: Page, scenario: string) =>
  page.evaluate(
    (name) => void (window as unknown as Record<string, () => void>)[name]!(),
    scenario,
  );

/** The journal without timestamps. */
async function journal(page: Page): Promise<Omit<JournalEntry, 'at'>[]> {
  const entries = await observe(page, 'journal', {});
  for (const e of entries) assert.equal(typeof e.at, 'number');
  return entries.map(({ kind, text }) => ({ kind, text }));
}

describe('journal', () => {
  it('keeps a toast that came and went between two calls', async () => {
    const page = await openObserved(env, 'journal.html');
    await start(page, 'toast');
    await page.waitForFunction(() => !document.querySelector('.toast'));
    await start(page, 'popup');
    await page.waitForFunction(() => !document.querySelector('.popup'));
    assert.deepEqual(await journal(page), [
      { kind: 'toast', text: 'Saved to your list' },
      { kind: 'toast', text: 'Copied!' },
    ]);
    assert.deepEqual(await journal(page), [], 'a call clears the journal');
    await page.close();
  });

  it('records alerts, live region updates (once each) and dialogs', async () => {
    const page = await openObserved(env, 'journal.html');
    await start(page, 'alertRegion');
    await start(page, 'liveUpdate');
    await start(page, 'liveUpdate');
    await start(page, 'openDialog');
    await start(page, 'validate');
    const entries = await journal(page);
    assert.deepEqual(entries.slice(0, 3), [
      { kind: 'alert', text: 'Your card was declined.' },
      { kind: 'live', text: '3 results' },
      { kind: 'dialog', text: 'dialog: Discard this draft?' },
    ]);
    assert.equal(entries.length, 4);
    assert.equal(entries[3]?.kind, 'alert');
    assert.match(
      entries[3]?.text ?? '',
      /^email: \S/,
      'the browser’s validation message for the field',
    );
    await page.close();
  });

  it('notices a pushState navigation', async () => {
    const page = await openObserved(env, 'journal.html');
    await start(page, 'push');
    assert.deepEqual(await journal(page), [
      {
        kind: 'navigation',
        text: `URL changed to ${env.server.url('/fixtures/observe/journal.html?folder=archive')}`,
      },
    ]);
    await page.close();
  });

  it('answers alert(), confirm() and prompt() through the main-world hook without blocking the page', async () => {
    const page = await openObserved(env, 'journal.html');
    await injectDialogHook(page);
    await injectDialogHook(page); // the background may inject twice; one hook answers
    await start(page, 'nativeDialogs');
    const state = await page.evaluate(() => (window as unknown as { state: object }).state);
    assert.deepEqual(state, {
      confirmed: true,
      prompted: 'Receipts',
      promptedEmpty: '',
      after: true,
    });
    assert.deepEqual(await journal(page), [
      { kind: 'dialog', text: 'alert: “Message sent” (answered OK)' },
      { kind: 'dialog', text: 'confirm: “Delete 3 messages?” (answered OK)' },
      { kind: 'dialog', text: 'prompt: “Name the folder” (answered "Receipts")' },
      { kind: 'dialog', text: 'prompt: “Label?” (answered "")' },
    ]);
    await page.close();
  });

  it('lives only as long as its document', async () => {
    const page = await openObserved(env, 'journal.html');
    await start(page, 'alertRegion');
    await page.reload({ waitUntil: 'load' });
    await injectObservers(page);
    assert.deepEqual(await journal(page), []);
    await page.close();
  });
});
