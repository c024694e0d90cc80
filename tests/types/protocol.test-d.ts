/**
 * Type tests for the receivers' APIs in extension/protocol.ts, as their senders
 * see them through `client<Api>()`. One block per receiver; `npm run typecheck`
 * compiles them and nothing here runs.
 */
import { expectTypeOf } from 'expect-type';
import { client, type ApiShape, type Envelope, type Handlers } from '../../extension/messaging.ts';
import type { BackgroundApi } from '../../extension/protocol.ts';
import type { RunView } from '../../extension/run.ts';
import type { SettingsInput, SettingsView } from '../../extension/settings.ts';
import type { call } from '../../popup/connector.ts';

declare const deliver: (message: Envelope) => Promise<unknown>;

// BackgroundApi: what the extension's pages ask the service worker.
{
  expectTypeOf<BackgroundApi>().toExtend<ApiShape>();
  expectTypeOf<keyof Handlers<BackgroundApi, null>>().toEqualTypeOf<keyof BackgroundApi>();
  // The popup's connector is exactly this client.
  expectTypeOf<typeof call>().toEqualTypeOf<ReturnType<typeof client<BackgroundApi>>>();

  const background = client<BackgroundApi>(deliver);
  expectTypeOf(
    background('startRun', { tabId: 1, task: 'Find a flight' }),
  ).resolves.toEqualTypeOf<RunView>();
  expectTypeOf(background('runForTab', { tabId: 1 })).toEqualTypeOf<Promise<RunView | null>>();
  expectTypeOf(background('stopRunInThisTab', {})).toEqualTypeOf<Promise<RunView | null>>();
  expectTypeOf(
    background('answer', { runId: 'r', questionId: 'q', choice: 'approve' }),
  ).resolves.toEqualTypeOf<RunView>();
  expectTypeOf(background('getSettings', {})).resolves.toEqualTypeOf<SettingsView>();
  expectTypeOf<Parameters<BackgroundApi['saveSettings']>[0]>().toEqualTypeOf<SettingsInput>();

  // The API key never reaches a page: the settings the UI gets carry only its mask.
  expectTypeOf<SettingsView>().not.toHaveProperty('apiKey');
  expectTypeOf<SettingsView>().toHaveProperty('apiKeyMasked').toEqualTypeOf<string>();

  // @ts-expect-error: a run needs a task
  void background('startRun', { tabId: 1 });
  // @ts-expect-error: a tab id is a number
  void background('runForTab', { tabId: '1' });
  // @ts-expect-error: an answer names its question
  void background('answer', { runId: 'r', choice: 'approve' });
  // @ts-expect-error: getSettings takes an empty request
  void background('getSettings', { apiKey: true });
}

// FrameApi and TopFrameApi (what the background asks the content script) go here
// in blocks of the same shape.
