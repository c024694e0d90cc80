import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockCategories } from '../../extension/blocklist-table.ts';
import {
  addAllowedSite,
  decidePermission,
  defaultBlocklist,
  defaultPermissionMode,
  isBlocked,
  normalizeDomainEntry,
  permissionModes,
  removeAllowedSite,
  siteOf,
  type Blocklist,
  type PermissionQuery,
} from '../../extension/site-policy.ts';

test('siteOf is the lowercase host without www. and port', () => {
  assert.equal(siteOf('https://www.Example.com/path?q=1#x'), 'example.com');
  assert.equal(siteOf('http://shop.example.com:8080/'), 'shop.example.com');
  assert.equal(siteOf('https://example.com./'), 'example.com');
  assert.equal(siteOf('https://www2.example.com/'), 'www2.example.com');
  assert.equal(siteOf('https://wwwexample.com/'), 'wwwexample.com');
  assert.equal(siteOf('http://127.0.0.1:3000/x'), '127.0.0.1');
  assert.equal(siteOf('http://localhost:8080/'), 'localhost');
  assert.equal(siteOf('https://bücher.de/'), 'xn--bcher-kva.de');
});

test('siteOf is null for anything but http(s)', () => {
  for (const url of [
    'chrome://settings',
    'chrome-extension://abc/popup.html',
    'file:///etc/passwd',
    'about:blank',
    'data:text/html,hi',
    'javascript:alert(1)',
    'ftp://example.com/',
    'not a url',
    '',
  ]) {
    assert.equal(siteOf(url), null, url);
  }
});

test('permission mode labels are the UI contract', () => {
  assert.equal(permissionModes.ask.label, 'Ask before acting');
  assert.equal(permissionModes.auto.label, 'Act without asking');
  assert.equal(defaultPermissionMode, 'ask');
});

test('every default category has a label and a dozen or so valid entries', () => {
  for (const [id, c] of Object.entries(blockCategories)) {
    assert.ok(c.label.length > 0, id);
    assert.ok(c.domains.length >= 10, `${id} has ${c.domains.length}`);
    for (const d of c.domains) assert.equal(normalizeDomainEntry(d), d, `${id}: ${d}`);
    assert.equal(new Set(c.domains).size, c.domains.length, `${id} has duplicates`);
  }
  for (const required of ['banking', 'payments', 'crypto', 'gambling', 'adult', 'government']) {
    assert.ok(required in blockCategories, required);
  }
});

test('defaultBlocklist is a fresh copy the user can edit', () => {
  const a = defaultBlocklist();
  const b = defaultBlocklist();
  assert.notEqual(a.banking, b.banking);
  assert.deepEqual(a.banking, blockCategories.banking.domains);
});

const blocklist = defaultBlocklist();

test('a blocked domain matches itself and its subdomains', () => {
  assert.deepEqual(isBlocked('https://chase.com/', blocklist), {
    category: 'banking',
    domain: 'chase.com',
  });
  assert.deepEqual(isBlocked('https://secure.chase.com/login', blocklist), {
    category: 'banking',
    domain: 'chase.com',
  });
  assert.deepEqual(isBlocked('https://WWW.PayPal.com/signin', blocklist), {
    category: 'payments',
    domain: 'paypal.com',
  });
  assert.equal(isBlocked('https://www.coinbase.com/', blocklist)?.category, 'crypto');
  assert.equal(isBlocked('https://sports.bet365.com/', blocklist)?.category, 'gambling');
  assert.equal(isBlocked('https://de.pornhub.com/', blocklist)?.category, 'adult');
  assert.equal(isBlocked('https://passwords.google.com/', blocklist)?.category, 'accounts');
});

test('lookalike hosts are not blocked', () => {
  assert.equal(isBlocked('https://notchase.com/', blocklist), null);
  assert.equal(isBlocked('https://chase.com.example.org/', blocklist), null);
  assert.equal(isBlocked('https://paypal.community.example/', blocklist), null);
  assert.equal(isBlocked('https://stripe.com/docs', blocklist), null); // only the dashboard
  assert.equal(isBlocked('https://google.com/', blocklist), null);
  assert.equal(isBlocked('https://mail.google.com/', blocklist), null);
  assert.equal(isBlocked('https://example.com/?next=https://chase.com', blocklist), null);
  assert.equal(isBlocked('https://user:chase.com@example.com/', blocklist), null);
});

test('government suffix rules', () => {
  for (const url of [
    'https://www.irs.gov/',
    'https://vote.gov/',
    'https://www.gov.uk/',
    'https://www.tax.service.gov.uk/',
    'https://www.impots.gouv.fr/',
    'https://www.canada.ca/en.html',
    'https://www.cra-arc.gc.ca/',
    'https://my.gov.au/',
    'https://army.mil/',
    'https://commission.europa.eu/',
  ]) {
    assert.equal(isBlocked(url, blocklist)?.category, 'government', url);
  }
  assert.deepEqual(isBlocked('https://www.irs.gov/', blocklist), {
    category: 'government',
    domain: '*.gov',
  });
  for (const url of [
    'https://mygov.com/',
    'https://government.com/',
    'https://gov.uk.example.com/',
    'https://govt.com/',
  ]) {
    assert.equal(isBlocked(url, blocklist), null, url);
  }
});

test('non-http URLs are not blocklist matters', () => {
  assert.equal(isBlocked('chrome://settings', blocklist), null);
  assert.equal(isBlocked('garbage', blocklist), null);
});

test('the most specific entry wins and is reported as the user wrote it', () => {
  const list: Blocklist = { government: ['*.gov'], banking: ['Bank.Example.GOV'] };
  assert.deepEqual(isBlocked('https://online.bank.example.gov/', list), {
    category: 'banking',
    domain: 'Bank.Example.GOV',
  });
});

test('the user edits the blocklist: added, removed and absent categories', () => {
  const list: Blocklist = { ...blocklist, banking: ['mybank.example'], adult: [] };
  assert.equal(isBlocked('https://chase.com/', list), null);
  assert.equal(isBlocked('https://online.mybank.example/', list)?.category, 'banking');
  assert.equal(isBlocked('https://pornhub.com/', list), null);
  assert.equal(isBlocked('https://chase.com/', {}), null);
  const idn: Blocklist = { gambling: ['wetten-bücher.de'] };
  assert.equal(isBlocked('https://www.wetten-bücher.de/', idn)?.category, 'gambling');
});

test('normalizeDomainEntry accepts what people paste', () => {
  assert.equal(normalizeDomainEntry('  https://www.Bank.com/login?x=1 '), 'bank.com');
  assert.equal(normalizeDomainEntry('bank.com:443'), 'bank.com');
  assert.equal(normalizeDomainEntry('*.gov.uk'), '*.gov.uk');
  assert.equal(normalizeDomainEntry('*.GOV'), '*.gov');
  assert.equal(normalizeDomainEntry('bücher.de'), 'xn--bcher-kva.de');
  assert.equal(normalizeDomainEntry('sub.example.co.uk/'), 'sub.example.co.uk');
});

test('normalizeDomainEntry rejects what is not a domain', () => {
  for (const bad of [
    '',
    '   ',
    'localhost',
    'a b.com',
    'user@host.com',
    '*.',
    'http://',
    '[::1]',
    'exa_mple.com/x',
    '*',
  ]) {
    assert.equal(normalizeDomainEntry(bad), null, JSON.stringify(bad));
  }
});

function q(over: Partial<PermissionQuery>): PermissionQuery {
  return {
    mode: 'ask',
    url: 'https://shop.example/',
    allowedSites: [],
    onceAllowed: [],
    blocklist,
    ...over,
  };
}

test('ask mode asks on a new site, including one reached by navigation', () => {
  assert.equal(decidePermission(q({})), 'ask');
  assert.equal(decidePermission(q({ allowedSites: ['shop.example'] })), 'allowed');
  assert.equal(
    decidePermission(q({ url: 'https://www.shop.example/cart', allowedSites: ['shop.example'] })),
    'allowed',
  );
  assert.equal(
    decidePermission(q({ url: 'https://other.example/', allowedSites: ['shop.example'] })),
    'ask',
  );
});

test('allow once covers the site only', () => {
  assert.equal(decidePermission(q({ onceAllowed: ['shop.example'] })), 'allowed');
  assert.equal(
    decidePermission(q({ url: 'https://pay.shop.example/', onceAllowed: ['shop.example'] })),
    'ask',
  );
});

test('allowed sites match exactly: a subdomain is a new site', () => {
  assert.equal(
    decidePermission(q({ url: 'https://admin.shop.example/', allowedSites: ['shop.example'] })),
    'ask',
  );
  assert.equal(
    decidePermission(q({ url: 'https://shop.example.evil.test/', allowedSites: ['shop.example'] })),
    'ask',
  );
});

test('auto mode acts without asking', () => {
  assert.equal(decidePermission(q({ mode: 'auto' })), 'allowed');
});

test('the blocklist beats auto mode and allowances', () => {
  const url = 'https://www.chase.com/';
  assert.equal(decidePermission(q({ mode: 'auto', url })), 'blocked');
  assert.equal(
    decidePermission(q({ url, allowedSites: ['chase.com'], onceAllowed: ['chase.com'] })),
    'blocked',
  );
});

test('pages that are not http(s) are never acted on', () => {
  for (const url of [
    'chrome://extensions',
    'about:blank',
    'file:///home/me/a.html',
    'chrome-extension://x/y.html',
  ]) {
    assert.equal(decidePermission(q({ mode: 'auto', url })), 'blocked', url);
  }
});

test('an unknown mode from old storage falls back to asking', () => {
  assert.equal(decidePermission(q({ mode: 'yolo' as never })), 'ask');
});

test('allowed sites list: add without duplicates, remove', () => {
  assert.deepEqual(addAllowedSite(['b.example'], 'a.example'), ['a.example', 'b.example']);
  assert.deepEqual(addAllowedSite(['a.example'], 'a.example'), ['a.example']);
  assert.deepEqual(removeAllowedSite(['a.example', 'b.example'], 'a.example'), ['b.example']);
  assert.deepEqual(removeAllowedSite(['a.example'], 'zzz'), ['a.example']);
});
