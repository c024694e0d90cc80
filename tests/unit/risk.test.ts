import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessRisk, fieldKind, nameConsequence, type TargetInfo } from '../../extension/risk.ts';

const button = (accessibleName: string, more: Partial<TargetInfo> = {}): TargetInfo => ({
  tag: 'button',
  role: 'button',
  accessibleName,
  ...more,
});
const link = (
  accessibleName: string,
  href = 'https://shop.example/x',
  more: Partial<TargetInfo> = {},
) => ({ tag: 'a', role: 'link', accessibleName, href, ...more }) satisfies TargetInfo;
const input = (more: Partial<TargetInfo>): TargetInfo => ({ tag: 'input', type: 'text', ...more });

function reason(r: ReturnType<typeof assessRisk>): string | null {
  return r.risky ? r.reason : null;
}

test('typing into a password field', () => {
  assert.equal(
    reason(assessRisk('type', input({ type: 'password' }))),
    'Typing into a password field',
  );
  assert.equal(
    reason(assessRisk('type', input({ type: 'PASSWORD' }))),
    'Typing into a password field',
  );
  assert.ok(assessRisk('type', input({ autocomplete: 'current-password' })).risky);
  assert.ok(assessRisk('type', input({ autocomplete: 'section-login new-password' })).risky);
  assert.ok(assessRisk('type', input({ autocomplete: 'one-time-code' })).risky);
});

test('typing into card fields by autocomplete', () => {
  for (const ac of [
    'cc-number',
    'cc-csc',
    'cc-exp',
    'cc-exp-month',
    'cc-name',
    'billing cc-number',
    'section-pay shipping cc-csc',
  ]) {
    assert.equal(
      reason(assessRisk('type', input({ autocomplete: ac }))),
      'Typing payment details',
      ac,
    );
  }
});

test('typing into card fields by name, id, placeholder or label', () => {
  const fields: Partial<TargetInfo>[] = [
    { name: 'cardnumber' },
    { name: 'card_number' },
    { id: 'cardNumber' },
    { name: 'cc-num' },
    { name: 'ccnum' },
    { accessibleName: 'Card number' },
    { accessibleName: 'Credit card' },
    { placeholder: 'CVC' },
    { accessibleName: 'CVV2' },
    { accessibleName: 'Security code' },
    { name: 'iban' },
    { accessibleName: 'Routing number' },
    { accessibleName: 'Kartennummer' },
    { accessibleName: 'Numéro de carte' },
    { accessibleName: 'Número de tarjeta' },
  ];
  for (const f of fields) assert.equal(fieldKind(input(f)), 'payment', JSON.stringify(f));
});

test('ordinary fields are safe to type into', () => {
  const fields: Partial<TargetInfo>[] = [
    {},
    { type: 'email', autocomplete: 'email', accessibleName: 'Email' },
    { autocomplete: 'username' },
    { autocomplete: 'postal-code', accessibleName: 'Postcode' },
    { accessibleName: 'Sender name' },
    { accessibleName: 'Gift card message' },
    { accessibleName: 'Discount code' },
    { name: 'cardholder_note' },
    { accessibleName: 'Search' },
    { name: 'discard' },
    { accessibleName: 'Scorecard' },
    { accessibleName: 'Password hint' }, // a label mentioning passwords is not a password field
    { type: 'search', accessibleName: 'Search orders' },
  ];
  for (const f of fields)
    assert.deepEqual(assessRisk('type', input(f)), { risky: false }, JSON.stringify(f));
});

test('clicking names that buy, with the reason the user sees', () => {
  assert.equal(
    reason(assessRisk('click', button('Place order'))),
    'Clicking “Place order” may buy something',
  );
  for (const n of [
    'Buy now',
    'Buy it now',
    'Purchase',
    'Pay $42.99',
    'Pay now',
    'Order',
    'Order now',
    'Checkout',
    'Complete purchase',
    'Confirm payment',
    'Place your order',
    'Yes, place order',
    'Donate',
    'Jetzt kaufen',
    'Zahlungspflichtig bestellen',
    'Passer la commande',
    'Comprar ahora',
    'Finalizar compra',
    'Acquista ora',
    '今すぐ購入',
    '注文を確定する',
    '立即购买',
    '🛒 Buy',
  ]) {
    assert.equal(nameConsequence(n), 'buy', n);
    assert.ok(assessRisk('click', button(n)).risky, n);
  }
});

test('clicking names that delete, send, publish or move money', () => {
  const cases: [string, string][] = [
    ['Delete account', 'delete'],
    ['Delete', 'delete'],
    ['Remove', 'delete'],
    ['Yes, delete it', 'delete'],
    ['Permanently delete', 'delete'],
    ['Empty trash', 'delete'],
    ['Konto löschen', 'delete'],
    ['Supprimer', 'delete'],
    ['Eliminar', 'delete'],
    ['Send', 'send'],
    ['Send message', 'send'],
    ['Post', 'send'],
    ['Post comment', 'send'],
    ['Publish', 'send'],
    ['Tweet', 'send'],
    ['Repost', 'send'],
    ['Envoyer', 'send'],
    ['Veröffentlichen', 'send'],
    ['Transfer', 'money'],
    ['Transfer funds', 'money'],
    ['Send money', 'money'],
    ['Withdraw', 'money'],
    ['Überweisen', 'money'],
  ];
  for (const [n, want] of cases) assert.equal(nameConsequence(n), want, n);
  assert.equal(
    reason(assessRisk('click', button('Delete account'))),
    'Clicking “Delete account” may delete something',
  );
  assert.equal(
    reason(assessRisk('click', button('Send'))),
    'Clicking “Send” may send or publish something',
  );
  assert.equal(
    reason(assessRisk('click', button('Transfer'))),
    'Clicking “Transfer” may move money',
  );
});

test('names that only look risky are safe', () => {
  for (const n of [
    'Postcode',
    'Posts',
    'Posted by Ann',
    'Post office locator',
    'Sender name',
    'Sent items',
    'Order history',
    'Track order',
    'Your orders',
    'Sort order',
    'Payment methods',
    'Paypal help',
    'Buying guide',
    'Add to cart',
    'Add to basket',
    'Proceed to shipping',
    'Deleted items',
    'Reminder',
    'Publisher info',
    'Transfers overview',
    'Check out our blog',
    'Cancel',
    'Confirm',
    'Continue',
    'Next',
    'Sign in',
    'Search',
    'Wire transfer',
    'Purchasing policy',
    'Deliver to Berlin',
    '',
  ]) {
    assert.equal(nameConsequence(n), null, n);
  }
  assert.deepEqual(assessRisk('click', button('Order history')), { risky: false });
  assert.deepEqual(assessRisk('click', { tag: 'div' }), { risky: false });
});

test('long link names are headlines, not commands', () => {
  assert.deepEqual(assessRisk('click', link('Delete your old accounts: a privacy guide')), {
    risky: false,
  });
  assert.deepEqual(assessRisk('click', link('Send money abroad with low fees')), { risky: false });
  assert.ok(assessRisk('click', link('Delete')).risky);
  assert.ok(assessRisk('click', button('Send money abroad with low fees')).risky);
});

test('submitting a form that holds a password or payment details', () => {
  const login = { hasPassword: true, hasPayment: false };
  const pay = { hasPassword: false, hasPayment: true };
  assert.equal(
    reason(assessRisk('click', button('Log in', { isSubmit: true, inForm: login }))),
    'Clicking “Log in” sends a password',
  );
  assert.equal(
    reason(
      assessRisk(
        'click',
        input({ type: 'submit', accessibleName: 'Continue', isSubmit: true, inForm: pay }),
      ),
    ),
    'Clicking “Continue” sends payment details',
  );
  assert.equal(
    reason(assessRisk('click', input({ type: 'image', isSubmit: true, inForm: login }))),
    'Clicking “Submit” sends a password',
  );
  // The name outranks the form: the user learns the bigger consequence.
  assert.equal(
    reason(assessRisk('click', button('Place order', { isSubmit: true, inForm: pay }))),
    'Clicking “Place order” may buy something',
  );
});

test('submit buttons in ordinary forms, and non-submit buttons in sensitive forms, are safe', () => {
  const plain = { hasPassword: false, hasPayment: false };
  assert.deepEqual(assessRisk('click', button('Search', { isSubmit: true, inForm: plain })), {
    risky: false,
  });
  assert.deepEqual(
    assessRisk(
      'click',
      button('Show password', {
        isSubmit: false,
        inForm: { hasPassword: true, hasPayment: false },
      }),
    ),
    { risky: false },
  );
  assert.deepEqual(assessRisk('click', input({ type: 'password' })), { risky: false }); // focusing is fine
});

test('Enter in a single-line field submits its form', () => {
  const login = { hasPassword: true, hasPayment: false };
  assert.equal(
    reason(assessRisk('key-enter', input({ type: 'password', inForm: login }))),
    'Pressing Enter sends a password',
  );
  assert.equal(
    reason(assessRisk('key-enter', input({ inForm: { hasPassword: false, hasPayment: true } }))),
    'Pressing Enter sends payment details',
  );
  assert.deepEqual(
    assessRisk('key-enter', input({ inForm: { hasPassword: false, hasPayment: false } })),
    { risky: false },
  );
  assert.deepEqual(assessRisk('key-enter', input({})), { risky: false });
});

test('Enter on a focused button or link is a click', () => {
  assert.equal(
    reason(assessRisk('key-enter', button('Place order'))),
    'Pressing Enter on “Place order” may buy something',
  );
  assert.ok(assessRisk('key-enter', link('Download', 'https://x.example/setup.exe')).risky);
  assert.deepEqual(assessRisk('key-enter', button('Next')), { risky: false });
});

test('Enter in a message composer may send it; in other multiline fields it types a newline', () => {
  const composer = { tag: 'div', role: 'textbox', multiline: true };
  assert.equal(
    reason(assessRisk('key-enter', { ...composer, accessibleName: 'Message #general' })),
    'Pressing Enter in “Message #general” may send it',
  );
  assert.ok(assessRisk('key-enter', { ...composer, accessibleName: 'Write a reply…' }).risky);
  assert.ok(
    assessRisk('key-enter', { ...composer, tag: 'textarea', accessibleName: 'Add a comment' })
      .risky,
  );
  assert.deepEqual(assessRisk('key-enter', { ...composer, accessibleName: 'Document content' }), {
    risky: false,
  });
  assert.deepEqual(
    assessRisk('key-enter', {
      tag: 'textarea',
      multiline: true,
      accessibleName: 'Shipping notes',
      inForm: { hasPassword: true, hasPayment: true },
    }),
    { risky: false },
  );
});

test('links that start a download', () => {
  assert.equal(
    reason(assessRisk('click', link('Get the app', 'https://x.example/app', { download: true }))),
    'Clicking this link starts a download',
  );
  for (const href of [
    'https://x.example/setup.exe',
    'https://x.example/Setup.EXE',
    'https://x.example/files/app.dmg?sig=abc',
    'https://x.example/a.tar.gz',
    'https://x.example/report.xlsx#sheet',
    'https://x.example/a.zip',
    'https://x.example/install.msi',
    'https://x.example/app.apk',
  ]) {
    assert.ok(assessRisk('click', link('Get it', href)).risky, href);
  }
});

test('ordinary links are safe', () => {
  for (const href of [
    'https://x.example/',
    'https://x.example/docs/setup.html',
    'https://x.example/paper.pdf', // Chrome shows PDFs
    'https://x.example/image.png',
    'https://x.example/?file=a.exe', // the query is not the file name
    'https://x.example/exe',
    'mailto:a@x.example',
    'javascript:void(0)',
    'not a url',
  ]) {
    assert.deepEqual(assessRisk('click', link('Read more', href)), { risky: false }, href);
  }
});

test('long names are cut in the reason', () => {
  const r = reason(
    assessRisk('click', button('Place order and pay for all the items in your basket now')),
  );
  assert.ok(r !== null && r.includes('…”'), r ?? '');
});
