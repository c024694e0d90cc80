/**
 * One set-up for the end-to-end tests: the strict fake API, the fixture server,
 * Chromium with the test build loaded, and the settings a user would type.
 */
import { join } from 'node:path';
import { extensionWorker, launch, type Launched, type LaunchOptions } from './browser.ts';
import { configure, type SettingsForm } from './extension.ts';
import { startFakeAnthropic, type FakeAnthropic, type Policy } from './fake-anthropic/index.ts';
import { repoRoot, startStaticServer, type StaticServer } from './static-server.ts';

export const testExtensionDir = join(repoRoot, 'dist/chrome-test');

export interface E2E {
  readonly l: Launched;
  readonly fake: FakeAnthropic;
  readonly site: StaticServer;
  close(): Promise<void>;
}

export async function startE2E(
  options: {
    readonly launch?: Omit<LaunchOptions, 'extensionDir'>;
    readonly settings?: SettingsForm;
    readonly policy?: Policy;
  } = {},
): Promise<E2E> {
  const fake = await startFakeAnthropic(options.policy ? { policy: options.policy } : {});
  const site = await startStaticServer();
  const l = await launch({ extensionDir: testExtensionDir, ...options.launch });
  await configure(l, {
    apiKey: 'sk-ant-test-key',
    baseUrl: fake.url,
    maxSteps: 20,
    permissionMode: 'Act without asking',
    ...options.settings,
  });
  return {
    l,
    fake,
    site,
    close: async () => {
      await l.close();
      await Promise.all([fake.close(), site.close()]);
    },
  };
}

/** The test build's hooks on the service worker's global (background/main.ts). */
interface TestHooks {
  tabpilotTest: { runs: { activeRunIds(): string[]; stop(id: string): Promise<unknown> } };
}

/** Between tests: stop every run and close every web page, so a failure cannot leak into the next test. */
export async function resetBrowser(l: Launched): Promise<void> {
  const worker = await extensionWorker(l);
  await worker.evaluate(async () => {
    const { runs } = (globalThis as unknown as TestHooks).tabpilotTest;
    await Promise.all(runs.activeRunIds().map((id) => runs.stop(id)));
  });
  for (const p of await l.browser.pages()) if (p.url().startsWith('http')) await p.close();
}
