/**
 * Which of Claude's actions need the user's yes, decided from the page (the
 * element under the click, the focused field), never from Claude's words.
 */
import type { PageAction } from '../extension/actions.ts';
import { modelToViewport, type ModelPoint, type ScreenGeometry } from '../extension/geometry.ts';
import type { ContentApi } from '../extension/protocol.ts';
import { assessRisk, type RiskyActionKind, type TargetInfo } from '../extension/risk.ts';
import type { Request, Response } from '../extension/messaging.ts';

export const riskChoices = ['Approve', 'Decline'] as const;

export interface RiskFinding {
  readonly reason: string;
  /** Where the target is, model-image pixels, to mark it on the screenshot. */
  readonly at?: ModelPoint;
}

type Call = <M extends keyof ContentApi & string>(
  method: M,
  request: Request<ContentApi, M>,
) => Promise<Response<ContentApi, M>>;

const enterKeys = new Set(['Enter', 'NumpadEnter']);

/** The first risky action of a step, or undefined when none needs a yes. */
export async function findRisk(
  actions: readonly PageAction<'model'>[],
  geometry: ScreenGeometry | undefined,
  call: Call,
): Promise<RiskFinding | undefined> {
  const focused = (): Promise<TargetInfo | null> => call('focusedTarget', {}).catch(() => null);
  for (const action of actions) {
    const checks: {
      kind: RiskyActionKind;
      target: () => Promise<TargetInfo | null>;
      at?: ModelPoint;
    }[] = [];
    switch (action.kind) {
      case 'click':
      case 'down':
        if (action.button === 'left' && geometry) {
          const css = modelToViewport(action.at, geometry);
          checks.push({
            kind: 'click',
            target: () => call('targetAt', { x: css.x, y: css.y }).catch(() => null),
            at: action.at,
          });
        }
        break;
      case 'text':
        checks.push({ kind: 'type', target: focused });
        if (/[\r\n]/.test(action.text)) checks.push({ kind: 'key-enter', target: focused });
        break;
      case 'chord':
        if (action.keys.some((k) => enterKeys.has(k)))
          checks.push({ kind: 'key-enter', target: focused });
        break;
      default:
        break;
    }
    for (const check of checks) {
      const target = await check.target();
      if (!target) continue;
      const risk = assessRisk(check.kind, target);
      if (risk.risky) return { reason: risk.reason, at: check.at };
    }
  }
  return undefined;
}
