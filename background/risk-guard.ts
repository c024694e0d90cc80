/**
 * Which of Claude's actions need the user's yes, decided from the page (the
 * element under the click, the focused field), never from Claude's words. All
 * of a step's targets are read from the page in one message, before any of
 * its actions is carried out.
 */
import type { PageAction } from '../extension/actions.ts';
import { modelToViewport, type ModelPoint, type ScreenGeometry } from '../extension/geometry.ts';
import type { RiskProbe } from '../extension/protocol.ts';
import { assessRisk, type RiskyActionKind, type TargetInfo } from '../extension/risk.ts';

export const riskChoices = ['Approve', 'Decline'] as const;

export interface RiskFinding {
  readonly reason: string;
  /** Where the target is, model-image pixels, to mark it on the screenshot. */
  readonly at?: ModelPoint;
}

/** One target to judge: what the action does to it, and where it is. */
interface Check {
  readonly kind: RiskyActionKind;
  readonly probe: RiskProbe;
  readonly at?: ModelPoint;
}

const enterKeys = new Set(['Enter', 'NumpadEnter']);

/** The targets a step's actions would act on, in order. */
function riskChecks(
  actions: readonly PageAction<'model'>[],
  geometry: ScreenGeometry | undefined,
): Check[] {
  const focus: RiskProbe = { kind: 'focus' };
  const checks: Check[] = [];
  for (const action of actions) {
    switch (action.kind) {
      case 'click':
      case 'down':
        if (action.button === 'left' && geometry) {
          const css = modelToViewport(action.at, geometry);
          checks.push({
            kind: 'click',
            probe: { kind: 'point', x: css.x, y: css.y },
            at: action.at,
          });
        }
        break;
      case 'text':
        checks.push({ kind: 'type', probe: focus });
        if (/[\r\n]/.test(action.text)) checks.push({ kind: 'key-enter', probe: focus });
        break;
      case 'chord':
        if (action.keys.some((k) => enterKeys.has(k)))
          checks.push({ kind: 'key-enter', probe: focus });
        break;
      default:
        break;
    }
  }
  return checks;
}

/** The first risky action of a step, or undefined when none needs a yes. */
export async function findRisk(
  actions: readonly PageAction<'model'>[],
  geometry: ScreenGeometry | undefined,
  targets: (probes: readonly RiskProbe[]) => Promise<readonly (TargetInfo | null)[]>,
): Promise<RiskFinding | undefined> {
  const checks = riskChecks(actions, geometry);
  if (!checks.length) return undefined;
  const found = await targets(checks.map((c) => c.probe)).catch(() => []);
  for (const [i, check] of checks.entries()) {
    const target = found[i];
    if (!target) continue;
    const risk = assessRisk(check.kind, target);
    if (risk.risky) return { reason: risk.reason, at: check.at };
  }
  return undefined;
}
