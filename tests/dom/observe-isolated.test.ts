/**
 * The observers from an isolated world, as the content script runs them: the
 * page's requests and the main-world dialog hook must reach them across worlds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { injectDialogHook, isolatedObserver } from '../support/observe-harness.ts';
import { useEnv } from './helpers.ts';

const env = useEnv();

describe('observers in an isolated world', () => {
  it('see the page’s requests finish while settling', async () => {
    const page = await env.launched.browser.newPage();
    await page.goto(env.server.url('/fixtures/observe/settle.html'), { waitUntil: 'load' });
    const observe = await isolatedObserver(page);
    await page.evaluate('void window.fetches()');
    assert.equal((await observe('settle', { quietMs: 1000, maxMs: 20_000 })).reason, 'quiet');
    assert.equal(await page.evaluate('window.state.fetchesDone'), true);
    await page.close();
  });

  it('hear the dialog hook installed in the main world', async () => {
    const page = await env.launched.browser.newPage();
    await page.goto(env.server.url('/fixtures/observe/journal.html'), { waitUntil: 'load' });
    const observe = await isolatedObserver(page);
    await injectDialogHook(page);
    assert.equal(await page.evaluate('confirm("Leave the group?")'), true);
    const entries = await observe('journal', {});
    assert.deepEqual(
      entries.map((e) => e.text),
      ['confirm: “Leave the group?” (answered OK)'],
    );
    await page.close();
  });
});
