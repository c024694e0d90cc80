/**
 * The engine harness's content.js: the engine's entry points, on the isolated
 * world's window. A second copy in the same world leaves the first in charge,
 * as content/main.ts does.
 */
import { leave, perform, release } from '../../content/engine/perform.ts';
import { measure } from '../../content/engine/measure.ts';

declare global {
  interface Window {
    __tabpilotEngine: unknown;
  }
}

window.__tabpilotEngine ??= { perform, leave, release, measure };
