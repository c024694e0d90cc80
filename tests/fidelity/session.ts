/**
 * The fidelity suite's browser: the dom tests' env (tests/support/env.ts) at a
 * fixed viewport, a second origin for cross-origin frames, and a focused window
 * for the trusted runs. Each behaviour reuses both pages.
 */
import type { Page } from 'puppeteer-core';
import { startEnv, type Env } from '../support/env.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

export interface Session extends Env {
  /** A second origin (localhost) for cross-origin frames. */
  readonly crossServer: StaticServer;
  /** The page the trusted runs use, in a window of its own that has focus. */
  readonly trustedPage: Page;
}

export async function startSession(): Promise<Session> {
  const [env, crossServer] = await Promise.all([
    // A key's smooth scroll spreads its scroll events over ~150 ms, so where keyup falls among
    // them depends on the machine's load; the engine scrolls at once. Instant scrolling keeps
    // the trusted runs repeatable (the scroll positions are the same either way).
    startEnv({ width: 1024, height: 768, extraArgs: ['--disable-smooth-scrolling'] }),
    startStaticServer('localhost'),
  ]);
  const trustedPage = await env.launched.browser.newPage({ type: 'window' });
  return {
    ...env,
    crossServer,
    trustedPage,
    close: async () => {
      await env.close();
      await crossServer.close();
    },
  };
}

/** A fixture under tests/fixtures/fidelity; the page learns the second origin from `xo`. */
export function fixtureUrl(session: Session, fixture: string): string {
  const sep = fixture.includes('?') ? '&' : '?';
  return session.server.url(
    `/fixtures/fidelity/${fixture}${sep}xo=${encodeURIComponent(session.crossServer.origin)}`,
  );
}
