import type { PageAction, MouseButton } from '../extension/actions.ts';
import { isInside, point, type ModelPoint, type Size } from '../extension/geometry.ts';
import {
  modifiers as modifierOrder,
  type KeyName,
  type Modifier,
} from '../extension/keys-table.ts';
import type { ModelProfile } from '../extension/models.ts';
import { modifierOf, parseKeySequence, UnknownKeyError } from './key-parser.ts';

/**
 * Turns the `input` of Claude's `computer` tool call into what tabpilot should do,
 * or into an error message that tells Claude exactly what to fix.
 *
 * Input rules: https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool#available-actions
 * Where the docs are silent we follow Anthropic's reference implementation,
 * anthropic-quickstarts computer-use-demo/computer_use_demo/tools/computer.py.
 */
export type ToolPlan =
  | { readonly kind: 'actions'; readonly actions: readonly PageAction<'model'>[] }
  | { readonly kind: 'screenshot' }
  | { readonly kind: 'cursor_position' }
  | { readonly kind: 'wait'; readonly ms: number }
  /** Corners in model pixels: x0 < x1, y0 < y1, the far edges exclusive. */
  | { readonly kind: 'zoom'; readonly region: { x0: number; y0: number; x1: number; y1: number } };

export type ParseResult = { ok: true; plan: ToolPlan } | { ok: false; error: string };

export interface ToolInputContext {
  readonly toolType: ModelProfile['toolType'];
  /** Whether the tool was declared with `enable_zoom`. */
  readonly zoom: boolean;
  /** Size of the last screenshot Claude saw, model pixels. */
  readonly image: Size;
  readonly cursor: ModelPoint;
}

/**
 * Fields each action takes besides `action`. computer_20250124 added everything past
 * the five basic actions; computer_20251124 added `zoom` (computer-use-tool#available-actions).
 * Clicks, drags and scrolls take `text`, the modifier keys held meanwhile
 * (computer-use-tool, "Modifier keys with click and scroll actions").
 */
const actionFields = {
  key: { required: ['text'], optional: [] },
  hold_key: { required: ['text', 'duration'], optional: [] },
  type: { required: ['text'], optional: [] },
  cursor_position: { required: [], optional: [] },
  mouse_move: { required: ['coordinate'], optional: [] },
  // At the current cursor position; computer.py refuses a coordinate for these.
  left_mouse_down: { required: [], optional: [] },
  left_mouse_up: { required: [], optional: [] },
  left_click: { required: [], optional: ['coordinate', 'text'] },
  left_click_drag: { required: ['start_coordinate', 'coordinate'], optional: ['text'] },
  right_click: { required: [], optional: ['coordinate', 'text'] },
  middle_click: { required: [], optional: ['coordinate', 'text'] },
  double_click: { required: [], optional: ['coordinate', 'text'] },
  triple_click: { required: [], optional: ['coordinate', 'text'] },
  scroll: { required: ['scroll_direction', 'scroll_amount'], optional: ['coordinate', 'text'] },
  wait: { required: ['duration'], optional: [] },
  screenshot: { required: [], optional: [] },
  zoom: { required: ['region'], optional: [] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;

type ActionName = keyof typeof actionFields;

const actionNames = Object.keys(actionFields) as ActionName[];

/** Actions each tool version has. */
const actionsByTool: Record<ModelProfile['toolType'], readonly ActionName[]> = {
  computer_20250124: actionNames.filter((a) => a !== 'zoom'),
  computer_20251124: actionNames,
};

const clicks = {
  left_click: { button: 'left', count: 1 },
  right_click: { button: 'right', count: 1 },
  middle_click: { button: 'middle', count: 1 },
  double_click: { button: 'left', count: 2 },
  triple_click: { button: 'left', count: 3 },
} as const satisfies Record<string, { button: MouseButton; count: 1 | 2 | 3 }>;

/**
 * The docs count scroll_amount in wheel "clicks" and give no distance. One click is
 * 100 CSS px here, a common mouse-wheel notch in Chrome.
 */
export const scrollPixelsPerClick = 100;

const scrollDirections = {
  up: { dx: 0, dy: -1 },
  down: { dx: 0, dy: 1 },
  left: { dx: -1, dy: 0 },
  right: { dx: 1, dy: 0 },
} as const;

/**
 * Longest hold_key or wait, seconds. The docs for these tool versions give no limit;
 * computer.py refuses anything over 100 s.
 */
export const maxDurationSeconds = 100;

export function parseToolInput(input: unknown, ctx: ToolInputContext): ParseResult {
  try {
    return { ok: true, plan: plan(input, ctx) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: e.message };
    throw e;
  }
}

class InputError extends Error {}

function plan(input: unknown, ctx: ToolInputContext): ToolPlan {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError(`The input must be a JSON object with an "action", got ${show(input)}.`);
  }
  const fields = input as Record<string, unknown>;
  const available = actionsByTool[ctx.toolType];
  const action = fields['action'];
  if (action === undefined) {
    throw new InputError(`The input has no "action". Use one of: ${available.join(', ')}.`);
  }
  if (typeof action !== 'string')
    throw new InputError(`"action" must be a string, got ${show(action)}.`);
  if (!isActionName(action)) {
    throw new InputError(`Unknown action "${action}". Use one of: ${available.join(', ')}.`);
  }
  if (!available.includes(action)) {
    throw new InputError(
      `The ${action} action does not exist in ${ctx.toolType}. Use one of: ${available.join(', ')}.`,
    );
  }
  if (action === 'zoom' && !ctx.zoom) {
    throw new InputError(
      'The zoom action is not enabled for this tool. Take a screenshot instead.',
    );
  }
  const args = new Args(action, fields, ctx);
  return planAction(action, args);
}

function planAction(action: ActionName, args: Args): ToolPlan {
  switch (action) {
    case 'screenshot':
      return { kind: 'screenshot' };
    case 'cursor_position':
      return { kind: 'cursor_position' };
    case 'wait':
      return { kind: 'wait', ms: args.durationMs() };
    case 'zoom':
      return { kind: 'zoom', region: args.region() };
    case 'key':
      return actions(...args.keySequence().map((keys) => ({ kind: 'chord' as const, keys })));
    case 'hold_key': {
      // Held together, so "shift a" means the same as "shift+a".
      const keys = [...new Set(args.keySequence().flat())];
      return actions({ kind: 'hold', keys, durationMs: args.durationMs() });
    }
    case 'type':
      return actions({ kind: 'text', text: args.nonEmptyText() });
    case 'mouse_move':
      return actions({ kind: 'move', to: args.coordinate('coordinate') });
    case 'left_mouse_down':
    case 'left_mouse_up':
      return actions({
        kind: action === 'left_mouse_down' ? 'down' : 'up',
        at: args.cursor(),
        button: 'left',
        modifiers: [],
      });
    case 'left_click':
    case 'right_click':
    case 'middle_click':
    case 'double_click':
    case 'triple_click':
      return actions({
        kind: 'click',
        at: args.coordinateOrCursor(),
        ...clicks[action],
        modifiers: args.modifiers(),
      });
    case 'left_click_drag':
      return actions({
        kind: 'drag',
        from: args.coordinate('start_coordinate'),
        to: args.coordinate('coordinate'),
        modifiers: args.modifiers(),
      });
    case 'scroll': {
      const { dx, dy } = scrollDirections[args.scrollDirection()];
      const px = args.scrollAmount() * scrollPixelsPerClick;
      return actions({
        kind: 'wheel',
        at: args.coordinateOrCursor(),
        // `|| 0` keeps a zero scroll from becoming -0.
        deltaX: dx * px || 0,
        deltaY: dy * px || 0,
        modifiers: args.modifiers(),
      });
    }
  }
}

function actions(...list: PageAction<'model'>[]): ToolPlan {
  return { kind: 'actions', actions: list };
}

/** One action's fields, each read and checked on demand. */
class Args {
  readonly #action: ActionName;
  readonly #fields: Record<string, unknown>;
  readonly #ctx: ToolInputContext;

  constructor(action: ActionName, fields: Record<string, unknown>, ctx: ToolInputContext) {
    this.#action = action;
    this.#fields = fields;
    this.#ctx = ctx;
    const { required, optional } = actionFields[action];
    const allowed: readonly string[] = [...required, ...optional];
    for (const name of Object.keys(fields)) {
      if (name === 'action' || allowed.includes(name)) continue;
      const takes = allowed.length
        ? `takes only ${allowed.map((f) => `"${f}"`).join(', ')}`
        : 'takes no other fields';
      this.#fail(`unexpected field "${name}": ${action} ${takes}.`);
    }
    for (const name of required) {
      if (fields[name] === undefined || fields[name] === null) this.#fail(`"${name}" is required.`);
    }
  }

  /** An optional field: null counts as absent, as in the SDK's input types. */
  #get(name: string): unknown {
    const value = this.#fields[name];
    return value === null ? undefined : value;
  }

  #fail(message: string): never {
    throw new InputError(`${this.#action}: ${message}`);
  }

  coordinate(name: 'coordinate' | 'start_coordinate'): ModelPoint {
    const value = this.#get(name);
    if (!Array.isArray(value) || value.length !== 2 || !value.every(isWhole)) {
      this.#fail(
        `"${name}" must be [x, y], two whole numbers of screenshot pixels, got ${show(value)}.`,
      );
    }
    const [x, y] = value as [number, number];
    const { width, height } = this.#ctx.image;
    if (!isInside({ x, y }, this.#ctx.image)) {
      this.#fail(
        `${name} [${x}, ${y}] is outside the ${width}x${height} screenshot ` +
          `(x must be 0 to ${width - 1}, y 0 to ${height - 1}).`,
      );
    }
    return point<'model'>(x, y);
  }

  cursor(): ModelPoint {
    const { x, y } = this.#ctx.cursor;
    const { width, height } = this.#ctx.image;
    if (!isInside({ x, y }, this.#ctx.image)) {
      this.#fail(
        `the cursor [${x}, ${y}] is outside the ${width}x${height} screenshot; ` +
          'move it with mouse_move first.',
      );
    }
    return this.#ctx.cursor;
  }

  /** Clicks and scrolls act at the cursor when no coordinate is given (computer.py). */
  coordinateOrCursor(): ModelPoint {
    return this.#get('coordinate') === undefined ? this.cursor() : this.coordinate('coordinate');
  }

  #text(): string {
    const value = this.#get('text');
    if (typeof value !== 'string') this.#fail(`"text" must be a string, got ${show(value)}.`);
    return value;
  }

  nonEmptyText(): string {
    const text = this.#text();
    if (text.length === 0) this.#fail('"text" is empty.');
    return text;
  }

  /** xdotool `key` syntax: "+" joins a chord, spaces separate chords pressed in turn. */
  keySequence(): KeyName[][] {
    const text = this.nonEmptyText();
    try {
      return parseKeySequence(text);
    } catch (e) {
      // Its message names the key and the combo: `Unknown key "Foo" in "ctrl+Foo"`.
      if (e instanceof UnknownKeyError)
        this.#fail(`${e.message}. Use xdotool key names such as Return, Tab, ctrl+a.`);
      throw e;
    }
  }

  /** `text` on clicks, drags and scrolls: modifier keys such as "shift" or "ctrl+shift". */
  modifiers(): Modifier[] {
    if (this.#get('text') === undefined) return [];
    const held = new Set<Modifier>();
    for (const key of this.keySequence().flat()) {
      const modifier = modifierOf(key);
      if (!modifier) {
        this.#fail(
          `"text" holds modifier keys during the ${this.#action} (shift, ctrl, alt, super); ` +
            `"${key}" is not a modifier key.`,
        );
      }
      held.add(modifier);
    }
    return modifierOrder.filter((m) => held.has(m));
  }

  durationMs(): number {
    const value = this.#get('duration');
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.#fail(`"duration" must be a number of seconds, got ${show(value)}.`);
    }
    if (value < 0 || value > maxDurationSeconds) {
      this.#fail(`"duration" must be from 0 to ${maxDurationSeconds} seconds, got ${value}.`);
    }
    return Math.round(value * 1000);
  }

  scrollDirection(): keyof typeof scrollDirections {
    const value = this.#get('scroll_direction');
    if (typeof value !== 'string' || !Object.hasOwn(scrollDirections, value)) {
      this.#fail(`"scroll_direction" must be "up", "down", "left" or "right", got ${show(value)}.`);
    }
    return value as keyof typeof scrollDirections;
  }

  scrollAmount(): number {
    const value = this.#get('scroll_amount');
    if (!isWhole(value) || value < 0) {
      this.#fail(
        `"scroll_amount" must be a whole number of wheel clicks, 0 or more, got ${show(value)}.`,
      );
    }
    return value;
  }

  /** [x0, y0, x1, y1]: top-left and bottom-right corners (computer-use-tool#available-actions). */
  region(): { x0: number; y0: number; x1: number; y1: number } {
    const value = this.#get('region');
    if (!Array.isArray(value) || value.length !== 4 || !value.every(isWhole)) {
      this.#fail(
        `"region" must be [x0, y0, x1, y1], four whole numbers of screenshot pixels, got ${show(value)}.`,
      );
    }
    const [x0, y0, x1, y1] = value as [number, number, number, number];
    if (x0 >= x1 || y0 >= y1) {
      this.#fail(
        `region [${x0}, ${y0}, ${x1}, ${y1}] must have x0 < x1 and y0 < y1 (top-left, then bottom-right).`,
      );
    }
    const { width, height } = this.#ctx.image;
    // The far corner may sit on the image's edge so [0, 0, width, height] is the whole screenshot.
    if (x0 < 0 || y0 < 0 || x1 > width || y1 > height) {
      this.#fail(
        `region [${x0}, ${y0}, ${x1}, ${y1}] is outside the ${width}x${height} screenshot ` +
          `(x from 0 to ${width}, y from 0 to ${height}).`,
      );
    }
    return { x0, y0, x1, y1 };
  }
}

function isActionName(name: string): name is ActionName {
  return Object.hasOwn(actionFields, name);
}

/** JSON has one number type, so 10.0 arrives as 10 and passes; 10.5 does not. */
function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
