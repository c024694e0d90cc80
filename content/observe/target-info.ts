/** What the risk check needs to know about the element under a point or with focus. */
import { point } from '../../extension/geometry.ts';
import { fieldKind, type FieldInfo, type TargetInfo } from '../../extension/risk.ts';
import { hitTest } from '../engine/hit-test.ts';
import { accessibleName, roleOf } from './accessible-name.ts';
import { closestDeep, isTag } from './deep.ts';

/** What a click on an inner span activates (https://html.spec.whatwg.org/#interactive-content). */
const interactive =
  'a[href],area[href],button,input,select,textarea,summary,label,[contenteditable],' +
  '[role=button],[role=link],[role=checkbox],[role=radio],[role=switch],[role=tab],[role=menuitem],[role=option]';

/** Keys with no value (undefined or '') left out, so the report stays small and comparable. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function fieldInfo(el: Element): FieldInfo {
  return compact({
    tag: el.localName,
    type: isTag(el, 'input', 'button') ? el.type : (el.getAttribute('type') ?? undefined),
    autocomplete: el.getAttribute('autocomplete') ?? undefined,
    accessibleName: accessibleName(el),
    name: el.getAttribute('name') ?? undefined,
    id: el.id,
    placeholder: el.getAttribute('placeholder') ?? undefined,
  });
}

function inForm(el: Element): TargetInfo['inForm'] {
  const form = (el as HTMLInputElement).form ?? (closestDeep(el, 'form') as HTMLFormElement | null);
  if (!form) return undefined;
  const kinds = [...form.elements].map((e) => fieldKind(fieldInfo(e)));
  return { hasPassword: kinds.includes('password'), hasPayment: kinds.includes('payment') };
}

export function targetInfo(el: Element): TargetInfo {
  const link = closestDeep(el, 'a[href],area[href]') as HTMLAnchorElement | null;
  const submits =
    isTag(el, 'button', 'input') && /^(submit|image)$/.test(el.type) && el.form !== null;
  const editable = (el as HTMLElement).isContentEditable;
  return compact({
    ...fieldInfo(el),
    role: roleOf(el),
    inForm: inForm(el),
    isSubmit: submits || undefined,
    href: link?.href,
    download: link?.hasAttribute('download') || undefined,
    multiline: isTag(el, 'textarea') || editable || undefined,
  });
}

/** The control that a point on its inner span, icon or label activates. */
function activated(el: Element): Element {
  const control = closestDeep(el, interactive) ?? el;
  return (isTag(control, 'label') && control.control) || control;
}

const isFrame = (el: Element | null): el is HTMLIFrameElement =>
  isTag(el, 'iframe') || el?.localName === 'frame';

/**
 * The element at a point of this frame's viewport (CSS px), entering open shadow
 * roots and same-origin iframes; a cross-origin iframe is reported as itself.
 */
export function targetAt(x: number, y: number): TargetInfo | null {
  // The top frame's viewport pixels are its frame pixels.
  let p = point<'frame'>(x, y);
  let el = hitTest(p);
  while (isFrame(el) && el.contentDocument) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    p = point(
      p.x - r.left - el.clientLeft - parseFloat(s.paddingLeft),
      p.y - r.top - el.clientTop - parseFloat(s.paddingTop),
    );
    el = hitTest(p, el.contentDocument);
  }
  return el ? targetInfo(activated(el)) : null;
}

/** The focused element, inside shadow roots and same-origin iframes; null when nothing is. */
export function focusedTarget(): TargetInfo | null {
  let doc = document;
  let el = doc.activeElement;
  for (;;) {
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!isFrame(el) || !el.contentDocument) break;
    doc = el.contentDocument;
    el = doc.activeElement;
  }
  if (
    !el ||
    ((el === doc.body || el === doc.documentElement) && !(el as HTMLElement).isContentEditable)
  ) {
    return null;
  }
  return targetInfo(el);
}
