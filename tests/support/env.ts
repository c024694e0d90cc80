/**
 * A browser, a static server for the fixtures, and the page the engine runs in:
 * what every dom test file and the fidelity suite start with.
 */
import type { Page } from 'puppeteer-core';
import { launch, type Launched, type LaunchOptions } from './browser.ts';
import { unfocusedPage } from './engine-harness.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

export interface Env {
  readonly launched: Launched;
  readonly server: StaticServer;
  /** The visible, unfocused page the engine runs in (focus is with the popup); reused. */
  readonly enginePage: Page;
  close(): Promise<void>;
}

export async function startEnv(options: LaunchOptions = {}): Promise<Env> {
  const [launched, server] = await Promise.all([launch(options), startStaticServer()]);
  const enginePage = await unfocusedPage(launched.browser);
  return {
    launched,
    server,
    enginePage,
    close: async () => {
      await launched.close();
      await server.close();
    },
  };
}
