/**
 * Type tests for the receivers' APIs in extension/protocol.ts, as their senders
 * see them through `client<Api>()`. One block per receiver; `npm run typecheck`
 * compiles them and nothing here runs.
 */
import { expectTypeOf } from 'expect-type';
import { client, type ApiShape, type Envelope, type Handlers } from '../../extension/messaging.ts';
import type { ActionReport, FrameHit } from '../../extension/actions.ts';
import type { EngineAction } from '../../extension/engine-action.ts';
import type { Point } from '../../extension/geometry.ts';
import type {
  BackgroundApi,
  CaptureView,
  FrameApi,
  Settled,
  TopFrameApi,
} from '../../extension/protocol.ts';
import type { TargetInfo } from '../../extension/risk.ts';
import type { topFrameHandlers } from '../../content/top-frame.ts';
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

// FrameApi and TopFrameApi: what the background asks the content script, every
// frame and the top frame only.
{
  expectTypeOf<FrameApi>().toExtend<ApiShape>();
  expectTypeOf<TopFrameApi>().toExtend<ApiShape>();
  // The top frame answers everything a frame does, and more; a child frame has no top-frame method.
  expectTypeOf<TopFrameApi>().toExtend<FrameApi>();
  expectTypeOf<FrameApi>().not.toHaveProperty('settle');
  expectTypeOf<FrameApi>().not.toHaveProperty('prepareCapture');
  // The content script's top-frame handlers cover exactly what TopFrameApi adds.
  expectTypeOf<keyof typeof topFrameHandlers>().toEqualTypeOf<
    Exclude<keyof TopFrameApi, keyof FrameApi>
  >();

  const frame = client<FrameApi>(deliver);
  const top = client<TopFrameApi>(deliver);
  const action = {} as EngineAction;
  expectTypeOf(frame('act', { action })).resolves.toEqualTypeOf<ActionReport>();
  expectTypeOf(frame('release', {})).resolves.toEqualTypeOf<void>();
  expectTypeOf(top('settle', { quietMs: 80, maxMs: 3000 })).resolves.toEqualTypeOf<Settled>();
  expectTypeOf(top('prepareCapture', { masks: true })).resolves.toEqualTypeOf<CaptureView>();
  expectTypeOf(top('riskTargets', { probes: [{ kind: 'focus' }] })).resolves.toEqualTypeOf<
    readonly (TargetInfo | null)[]
  >();

  // An action report says which it is: carried out here, or an iframe to go to.
  expectTypeOf<ActionReport['kind']>().toEqualTypeOf<'done' | 'frame'>();
  expectTypeOf<Extract<ActionReport, { kind: 'frame' }>['frame']>().toEqualTypeOf<FrameHit>();
  expectTypeOf<Extract<ActionReport, { kind: 'done' }>>().not.toHaveProperty('frame');
  // Frame-local points are frame space: a viewport or model point is not one.
  expectTypeOf<Extract<EngineAction, { kind: 'click' }>['at']>().toEqualTypeOf<Point<'frame'>>();
  expectTypeOf<Point<'viewport'>>().not.toExtend<Point<'frame'>>();

  // @ts-expect-error: a child frame is not asked to settle the page
  void frame('settle', { quietMs: 80, maxMs: 3000 });
  // @ts-expect-error: act carries an engine action
  void frame('act', {});
  // @ts-expect-error: a probe is a point or the focus
  void top('riskTargets', { probes: [{ kind: 'hover' }] });
}
