/**
 * The page cannot steer the engine: it runs in the content script's isolated
 * world, so replacing DOM functions in the page's own world changes nothing it
 * does. The page here replaces dispatchEvent, elementFromPoint, focus and
 * execCommand with functions that count their calls and do nothing, before the
 * engine arrives (as a content script arrives into a page already running), and
 * the engine still clicks, types, submits and focuses exactly as in an
 * untouched page, without calling any of them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { centre, log, openFixture, useEnv, type Driver } from './helpers.ts';

const env = useEnv();

/** Replaces the page-world functions with counting no-ops. */
function tamper(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __tamperCalls: string[] };
    w.__tamperCalls = [];
    const calls = w.__tamperCalls;
    EventTarget.prototype.dispatchEvent = function () {
      calls.push('dispatchEvent');
      return false;
    };
    Document.prototype.elementFromPoint = function () {
      calls.push('elementFromPoint');
      return null;
    };
    HTMLElement.prototype.focus = function () {
      calls.push('focus');
    };
    Document.prototype.execCommand = function () {
      calls.push('execCommand');
      return false;
    };
  });
}

/** Clicks the user field, types, presses Enter; what the page ended up with. */
async function logIn(d: Driver): Promise<unknown> {
  await d.click(...(await centre(d.page, '#user')));
  await d.type('ann');
  await d.chord('Enter');
  const page = await d.page.evaluate(() => ({
    value: (document.getElementById('user') as HTMLInputElement).value,
    active: document.activeElement?.id,
    submits: (window as unknown as { submits: string[] }).submits,
    clicks: (window as unknown as { __app: { clicks: Record<string, number> } }).__app.clicks,
  }));
  const events = (await log(d.page))
    .filter((e) => ['focus', 'beforeinput', 'textInput', 'input', 'submit'].includes(e.type))
    .map((e) => `${e.type}@${e.target}`);
  return { page, events };
}

describe('a page that replaces DOM functions in its own world', () => {
  it('does not change what the engine does, and none of its replacements is called', async () => {
    const plain = await openFixture(env, 'forms.html');
    const untouched = await logIn(plain);
    await plain.done();

    // The engine arrives after the page has replaced them.
    const d = await openFixture(env, 'forms.html', 'engine', tamper);
    const tampered = await logIn(d);
    const calls = await d.page.evaluate(
      () => (window as unknown as { __tamperCalls: string[] }).__tamperCalls,
    );
    await d.done();

    assert.deepEqual(tampered, untouched);
    assert.equal((untouched as { page: { value: string } }).page.value, 'ann');
    assert.deepEqual(calls, []);
  });
});
