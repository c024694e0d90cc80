/**
 * Known gaps of the engine, as data (Puppeteer keeps its per-browser expectations
 * the same way): behaviour id → what the engine is expected to do instead of
 * agreeing with trusted input, and why. Everything not listed must agree.
 * A listed behaviour that starts agreeing fails the test too, so this file is
 * kept honest.
 */
export interface Expectation {
  readonly engine: 'gap';
  readonly reason: string;
}

const hover =
  'CSS :hover follows the browser’s own pointer, which script-dispatched events do not move ' +
  '(https://drafts.csswg.org/selectors/#the-hover-pseudo): content shown only on hover never ' +
  'appears for the engine. The engine must say so in its report (checked), so that Claude knows ' +
  'the screenshot cannot show it.';

export const expectations: Readonly<Record<string, Expectation>> = {
  '33-reveal': { engine: 'gap', reason: hover },
  '33-menu': { engine: 'gap', reason: hover },
};

export function expectationFor(id: string): Expectation | undefined {
  return expectations[id];
}
