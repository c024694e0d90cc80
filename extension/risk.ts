/**
 * Which actions need the user's yes. The decision reads the page (the element under the
 * click, the focused field), never the model's description of what it is doing: a page
 * or an injected prompt can make the model say anything. The words it looks for are data in
 * extension/risk-table.ts.
 */
import {
  composerNames,
  downloadExtensions,
  leadIns,
  passwordAutocomplete,
  paymentNames,
  riskyNames,
  wholeNameOnly,
  type Consequence,
} from './risk-table.ts';

/** What the content script reports about one form control, for `fieldKind`. */
export interface FieldInfo {
  /** Lowercase tag name: `input`, `button`, `a`, `textarea`, `div`, ... */
  readonly tag: string;
  /** The `type` attribute as the element resolves it (`input.type`, `button.type`). */
  readonly type?: string;
  /** The raw `autocomplete` attribute, e.g. `section-pay billing cc-number`. */
  readonly autocomplete?: string;
  /** Accessible name as computed for the accessibility tree (label, aria-label, text). */
  readonly accessibleName?: string;
  /** `name` and `id` attributes and the placeholder: sites name card fields there. */
  readonly name?: string;
  readonly id?: string;
  readonly placeholder?: string;
}

/** What the content script reports about the target of an action. */
export interface TargetInfo extends FieldInfo {
  /** Explicit or implicit ARIA role (`button`, `link`, `textbox`, ...). */
  readonly role?: string;
  /** The enclosing form's sensitive fields, computed with `fieldKind` over `form.elements`. */
  readonly inForm?: { readonly hasPassword: boolean; readonly hasPayment: boolean };
  /** The element submits its form when activated (submit button, `input type=image`). */
  readonly isSubmit?: boolean;
  /** Absolute URL of the link (`a.href`), when the target is or sits in a link. */
  readonly href?: string;
  /** The link carries a `download` attribute. */
  readonly download?: boolean;
  /** The element is a textarea or contenteditable, where Enter types a newline or sends. */
  readonly multiline?: boolean;
}

/**
 * `key-enter` is Return pressed with `target` focused; a `type` action whose text contains a
 * newline is also a `key-enter` for this purpose.
 */
export type RiskyActionKind = 'click' | 'type' | 'key-enter';

export type RiskAssessment =
  { readonly risky: false } | { readonly risky: true; readonly reason: string };

const safe: RiskAssessment = { risky: false };

/** Lowercase, accents off, camelCase and snake_case split, punctuation to single spaces. */
function words(s: string | undefined): string {
  return (s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether a field holds a password or payment details; shared with the content script. */
export function fieldKind(f: FieldInfo): 'password' | 'payment' | null {
  const tokens = (f.autocomplete ?? '').toLowerCase().split(/\s+/);
  if (f.type?.toLowerCase() === 'password' || tokens.some((t) => passwordAutocomplete.has(t))) {
    return 'password';
  }
  if (tokens.some((t) => t.startsWith('cc-'))) return 'payment';
  const text = [f.name, f.id, f.placeholder, f.accessibleName].map(words).join(' | ');
  return paymentNames.test(text) ? 'payment' : null;
}

const consequenceText = {
  buy: 'may buy something',
  delete: 'may delete something',
  send: 'may send or publish something',
  money: 'may move money',
} as const satisfies Record<Consequence, string>;

const noSpaceScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The table in the same normal form as the names it is matched against. */
const normalizedNames = /* @__PURE__ */ (
  Object.entries(riskyNames) as [Consequence, readonly string[]][]
).map(([consequence, phrases]) => [consequence, phrases.map(words)] as const);

function startsWithPhrase(name: string, phrase: string): boolean {
  if (name === phrase) return true;
  if (wholeNameOnly.has(phrase)) return false;
  if (noSpaceScript.test(phrase)) return name.startsWith(phrase);
  return name.startsWith(`${phrase} `);
}

/** The consequence a control's name announces, if any. */
export function nameConsequence(accessibleName: string | undefined): Consequence | null {
  const name = words(accessibleName);
  if (name === '') return null;
  const candidates = [name, name.replace(leadIns, '')];
  // The longest phrase wins: "Send money" moves money, "Send" sends.
  let best: { consequence: Consequence; length: number } | null = null;
  for (const [consequence, phrases] of normalizedNames) {
    for (const p of phrases) {
      if (p.length > (best?.length ?? 0) && candidates.some((n) => startsWithPhrase(n, p))) {
        best = { consequence, length: p.length };
      }
    }
  }
  return best?.consequence ?? null;
}

function isDownloadLink(t: TargetInfo): boolean {
  if (t.download === true) return true;
  if (t.href === undefined) return false;
  let path: string;
  try {
    const u = new URL(t.href);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    path = u.pathname;
  } catch {
    return false;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext !== undefined && downloadExtensions.has(ext);
}

function isLink(t: TargetInfo): boolean {
  return t.role === 'link' || (t.tag === 'a' && t.href !== undefined);
}

function quoted(name: string | undefined): string {
  const n = (name ?? '').replace(/\s+/g, ' ').trim();
  return `“${n.length > 40 ? `${n.slice(0, 39)}…` : n}”`;
}

function formReason(verb: string, form: NonNullable<TargetInfo['inForm']>): RiskAssessment {
  if (form.hasPayment) return { risky: true, reason: `${verb} sends payment details` };
  if (form.hasPassword) return { risky: true, reason: `${verb} sends a password` };
  return safe;
}

function assessActivation(verb: string, t: TargetInfo): RiskAssessment {
  // A link with a long name is a headline ("Delete your old accounts: a guide"); buttons
  // carry labels, some of them long.
  const maxWords = isLink(t) ? 3 : 12;
  const name = words(t.accessibleName);
  if (name !== '' && name.split(' ').length <= maxWords) {
    const c = nameConsequence(t.accessibleName);
    if (c !== null) {
      return { risky: true, reason: `${verb} ${quoted(t.accessibleName)} ${consequenceText[c]}` };
    }
  }
  if (t.isSubmit === true && t.inForm) {
    const r = formReason(`${verb} ${quoted(t.accessibleName || 'Submit')}`, t.inForm);
    if (r.risky) return r;
  }
  if (isDownloadLink(t)) return { risky: true, reason: `${verb} this link starts a download` };
  return safe;
}

function activates(t: TargetInfo): boolean {
  const tag = t.tag.toLowerCase();
  return (
    tag === 'button' ||
    tag === 'a' ||
    t.isSubmit === true ||
    ['button', 'link', 'menuitem', 'tab', 'option'].includes(t.role ?? '') ||
    (tag === 'input' && ['button', 'submit', 'image', 'reset'].includes(t.type ?? ''))
  );
}

/** Whether `action` on `target` needs the user's yes, with a short reason to show them. */
export function assessRisk(action: RiskyActionKind, target: TargetInfo): RiskAssessment {
  switch (action) {
    case 'type': {
      const kind = fieldKind(target);
      if (kind === 'password') return { risky: true, reason: 'Typing into a password field' };
      if (kind === 'payment') return { risky: true, reason: 'Typing payment details' };
      return safe;
    }
    case 'click':
      return assessActivation('Clicking', target);
    case 'key-enter': {
      if (activates(target)) return assessActivation('Pressing Enter on', target);
      if (target.multiline === true) {
        return composerNames.test(words(target.accessibleName))
          ? {
              risky: true,
              reason: `Pressing Enter in ${quoted(target.accessibleName)} may send it`,
            }
          : safe;
      }
      // Enter in a single-line field submits its form (implicit submission).
      return target.inForm ? formReason('Pressing Enter', target.inForm) : safe;
    }
  }
}
