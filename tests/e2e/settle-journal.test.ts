/**
 * What screenshots miss: the step's screenshot waits for a page that answers
 * 300 ms after a click, and a toast that lived 800 ms between two screenshots
 * reaches Claude as text in the tool result.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPage, type Launched } from '../support/browser.ts';
import { openPopup, runTask, waitForEnd } from '../support/extension.ts';
import {
  findColor,
  lastUserImage,
  type FakeAnthropic,
  type MessagesRequest,
} from '../support/fake-anthropic/index.ts';
import type { StaticServer } from '../support/static-server.ts';
import { startE2E, type E2E } from '../support/e2e.ts';
import { clickOn, green, magenta, turnOf } from './policies.ts';

function lastResultText(req: MessagesRequest): string {
  const content = req.messages.at(-1)?.content;
  const first = Array.isArray(content) ? content[0] : undefined;
  if (!first || first.type !== 'tool_result' || !Array.isArray(first.content)) return '';
  return first.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join(' ');
}

describe('settle and journal', () => {
  let e: E2E;
  let l: Launched;
  let fake: FakeAnthropic;
  let site: StaticServer;
  before(async () => {
    e = await startE2E({ settings: {} });
    ({ l, fake, site } = e);
  });
  after(() => e.close());

  test('the screenshot shows a 300 ms late update, and the 800 ms toast is reported', async () => {
    let seen: { updated: boolean; text: string } | undefined;
    fake.setPolicy((req) => {
      if (turnOf(req) === 1) {
        return { toolUses: [clickOn(req, magenta)] };
      }
      const image = lastUserImage(req);
      seen = {
        updated: !!image && findColor(image, { r: 0, g: 255, b: 255 }, 8) !== null,
        text: lastResultText(req),
      };
      return { text: 'Saved.' };
    });
    const page = await openPage(l.browser, site.url('/fixtures/e2e/late.html'));
    const popup = await openPopup(l);
    await runTask(popup, 'Save.');
    assert.equal(await waitForEnd(popup), 'Done: Saved.');
    assert.ok(seen);
    assert.equal(seen.updated, true, 'the screenshot after the click shows the late update');
    assert.match(seen.text, /Saved draft #42/);
    await popup.close();
    await page.close();
  });

  test('a download the click started is reported to Claude', async () => {
    let text = '';
    fake.setPolicy((req) => {
      if (turnOf(req) === 1) {
        return { toolUses: [clickOn(req, green)] };
      }
      text = lastResultText(req);
      return { text: 'Downloaded.' };
    });
    const page = await openPage(l.browser, site.url('/fixtures/e2e/download.html'));
    const popup = await openPopup(l);
    await runTask(popup, 'Download the invoice.');
    // Starting a download needs the user's yes.
    await popup.locator('::-p-aria(Approve)').click();
    assert.equal(await waitForEnd(popup), 'Done: Downloaded.');
    assert.match(text, /A download started: data:text\/csv/);
    await popup.close();
    await page.close();
  });
});
