import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { assessRisk } from '../../extension/risk.ts';
import { observe, openObserved } from '../support/observe-harness.ts';
import { useEnv } from './helpers.ts';

const env = useEnv();

/** Centre of an element, viewport CSS px; `host` first when it sits in that element's shadow root. */
function centre(page: Page, id: string, host?: string): Promise<{ x: number; y: number }> {
  return page.evaluate(
    (id, host) => {
      const root = host ? document.getElementById(host)!.shadowRoot! : document;
      const r = root.getElementById(id)!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    id,
    host,
  );
}

/** Element rects, viewport CSS px, in the shape sensitiveRects reports. */
function rects(page: Page, ids: string[], host?: string) {
  return page.evaluate(
    (ids, host) =>
      ids.map((id) => {
        const root = host ? document.getElementById(host)!.shadowRoot! : document;
        const r = root.getElementById(id)!.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height };
      }),
    ids,
    host,
  );
}

const checkoutForm = { hasPassword: true, hasPayment: true };

describe('targetAt and focusedTarget', () => {
  it('reports a submit button hit on an inner span, with its form’s password and card fields', async () => {
    const page = await openObserved(env, 'targets.html');
    const target = await observe(page, 'targetAt', await centre(page, 'place-order-label'));
    assert.deepEqual(target, {
      tag: 'button',
      type: 'submit',
      accessibleName: 'Place order €48.00',
      id: 'place-order',
      role: 'button',
      inForm: checkoutForm,
      isSubmit: true,
    });
    assert.deepEqual(assessRisk('click', target!), {
      risky: true,
      reason: 'Clicking “Place order €48.00” may buy something',
    });
    await page.close();
  });

  it('reports a password field by its label', async () => {
    const page = await openObserved(env, 'targets.html');
    const target = await observe(page, 'targetAt', await centre(page, 'password'));
    assert.deepEqual(target, {
      tag: 'input',
      type: 'password',
      accessibleName: 'Password',
      name: 'password',
      id: 'password',
      role: 'textbox',
      inForm: checkoutForm,
    });
    assert.equal(assessRisk('type', target!).risky, true);
    await page.close();
  });

  it('reports a download link hit on its inner span', async () => {
    const page = await openObserved(env, 'targets.html');
    const target = await observe(page, 'targetAt', await centre(page, 'invoice-label'));
    assert.deepEqual(target, {
      tag: 'a',
      accessibleName: 'Download invoice',
      id: 'invoice',
      role: 'link',
      href: env.server.url('/fixtures/observe/files/invoice.csv'),
      download: true,
    });
    assert.deepEqual(assessRisk('click', target!), {
      risky: true,
      reason: 'Clicking this link starts a download',
    });
    await page.close();
  });

  it('reports the checkbox a label’s text activates', async () => {
    const page = await openObserved(env, 'targets.html');
    const target = await observe(page, 'targetAt', await centre(page, 'terms-text'));
    assert.deepEqual(target, {
      tag: 'input',
      type: 'checkbox',
      accessibleName: 'I accept the terms',
      id: 'terms',
      role: 'checkbox',
      inForm: checkoutForm,
    });
    await page.close();
  });

  it('reports the focused element, in the document and in an open shadow root, and null without one', async () => {
    const page = await openObserved(env, 'targets.html');
    assert.equal(await observe(page, 'focusedTarget', {}), null);
    await page.focus('#note');
    assert.deepEqual(await observe(page, 'focusedTarget', {}), {
      tag: 'textarea',
      accessibleName: 'Note for the seller',
      id: 'note',
      role: 'textbox',
      multiline: true,
    });
    await page.evaluate(() =>
      document.getElementById('login')!.shadowRoot!.getElementById('pin')!.focus(),
    );
    assert.deepEqual(await observe(page, 'focusedTarget', {}), {
      tag: 'input',
      type: 'password',
      accessibleName: 'PIN',
      id: 'pin',
      role: 'textbox',
    });
    await page.close();
  });
});

describe('sensitiveRects', () => {
  it('finds password and card fields, in open shadow roots too', async () => {
    const page = await openObserved(env, 'targets.html');
    assert.deepEqual(await observe(page, 'sensitiveRects', {}), [
      ...(await rects(page, ['card', 'password'])),
      ...(await rects(page, ['pin'], 'login')),
    ]);
    await page.close();
  });

  it('finds every card and password field of the checkout page, and nothing else', async () => {
    const page = await openObserved(env, 'safety/checkout.html');
    assert.deepEqual(
      await observe(page, 'sensitiveRects', {}),
      await rects(page, ['card', 'exp', 'cvc', 'password']),
    );
    await page.close();
  });
});
