/** Waiting in tests: a plain pause, a bound on a promise, two frames of the page. */
import type { Frame, Page } from 'puppeteer-core';

export const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** `p`, or an Error naming `what` once `ms` have passed. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Resolves after the page has rendered two more frames (what the last input started has landed). */
export async function twoFrames(page: Page | Frame): Promise<void> {
  await page.evaluate(
    () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))),
  );
}
