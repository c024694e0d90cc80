import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { observe, openObserved } from '../support/observe-harness.ts';
import { useEnv } from './helpers.ts';

const env = useEnv();

type State = { burstDone: boolean; fetchesDone: boolean; transitionDone: boolean };
const state = (page: Page) => page.evaluate(() => (window as unknown as { state: State }).state);
/** Runs one of the fixture's scenarios (a function on window). */
const start = (page: Page, scenario: string) =>
  page.evaluate(
    (name) => void (window as unknown as Record<string, () => void>)[name]!(),
    scenario,
  );

describe('settle', () => {
  it('waits while the page mutates after an action, then reports quiet (an endless spinner does not count)', async () => {
    const page = await openObserved(env, 'settle.html');
    await start(page, 'burst');
    const report = await observe(page, 'settle', { quietMs: 1000, maxMs: 20_000 });
    assert.equal(report.reason, 'quiet');
    assert.equal((await state(page)).burstDone, true);
    await page.close();
  });

  it('stops at maxMs on a page that never stops changing', async () => {
    const page = await openObserved(env, 'settle.html');
    await start(page, 'forever');
    const report = await observe(page, 'settle', { quietMs: 200, maxMs: 600 });
    assert.equal(report.reason, 'cap');
    assert.ok(report.waitedMs >= 600, `waited ${report.waitedMs} ms`);
    await page.close();
  });

  it('counts finished requests as activity', async () => {
    const page = await openObserved(env, 'settle.html');
    await start(page, 'fetches');
    const report = await observe(page, 'settle', { quietMs: 1000, maxMs: 20_000 });
    assert.equal(report.reason, 'quiet');
    assert.equal((await state(page)).fetchesDone, true);
    await page.close();
  });

  it('waits for a running transition to end', async () => {
    const page = await openObserved(env, 'settle.html');
    await start(page, 'grow');
    const report = await observe(page, 'settle', { quietMs: 100, maxMs: 10_000 });
    assert.equal(report.reason, 'quiet');
    assert.equal((await state(page)).transitionDone, true);
    await page.close();
  });
});
