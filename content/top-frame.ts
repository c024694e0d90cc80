/**
 * What only the top frame answers (TopFrameApi): it sees the whole tab, so a
 * step's end (settle, journal, screenshot preparation) and the risk checks'
 * targets are one message each from the background.
 */
import type { CaptureOptions, CaptureView, TopFrameApi } from '../extension/protocol.ts';
import type { Handlers } from '../extension/messaging.ts';
import { measure } from './engine/measure.ts';
import { observeHandlers as observe } from './observe/handlers.ts';

const none = {} as Record<string, never>;

/** Measure, masks and text first; hiding the indicator waits for a painted frame, so it is last. */
async function prepareCapture({ masks }: CaptureOptions): Promise<CaptureView> {
  const view: CaptureView = {
    metrics: measure(),
    masks: masks ? observe.sensitiveRects(none) : [],
    text: observe.pageText(none),
  };
  await observe.indicator({ visible: false });
  return view;
}

export const topFrameHandlers = {
  settle: async ({ quietMs, maxMs, capture }) => {
    const settle = await observe.settle({ quietMs, maxMs });
    const journal = observe.journal(none);
    return capture
      ? { settle, journal, capture: await prepareCapture(capture) }
      : { settle, journal };
  },
  riskTargets: ({ probes }) =>
    probes.map((p) =>
      p.kind === 'point' ? observe.targetAt({ x: p.x, y: p.y }) : observe.focusedTarget(none),
    ),
  prepareCapture,
  pageText: () => observe.pageText(none),
  indicator: ({ visible }) => observe.indicator({ visible }),
} satisfies Omit<Handlers<TopFrameApi, unknown>, 'act' | 'release' | 'leave'>;
