import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  maxDurationSeconds,
  parseToolInput,
  scrollPixelsPerClick,
  type ParseResult,
  type ToolInputContext,
  type ToolPlan,
} from '../../background/tool-input.ts';
import type { PageAction } from '../../extension/actions.ts';
import { point } from '../../extension/geometry.ts';
import { parseKeyCombo } from '../../background/key-parser.ts';

const tools = ['computer_20250124', 'computer_20251124'] as const;

function ctx(over: Partial<ToolInputContext> = {}): ToolInputContext {
  return {
    toolType: 'computer_20251124',
    zoom: true,
    image: { width: 1280, height: 800 },
    cursor: point<'model'>(100, 200),
    ...over,
  };
}

function plan(input: unknown, c: ToolInputContext = ctx()): ToolPlan {
  const r = parseToolInput(input, c);
  assert.ok(r.ok, `expected a plan, got ${r.ok ? '' : r.error}`);
  return r.plan;
}

function actions(input: unknown, c?: ToolInputContext): readonly PageAction<'model'>[] {
  const p = plan(input, c);
  assert.equal(p.kind, 'actions');
  return p.kind === 'actions' ? p.actions : [];
}

function error(input: unknown, c: ToolInputContext = ctx()): string {
  const r: ParseResult = parseToolInput(input, c);
  assert.ok(!r.ok, `expected an error, got ${JSON.stringify(r)}`);
  return r.ok ? '' : r.error;
}

const at = (x: number, y: number) => point<'model'>(x, y);

// Every action both tool versions share, with the same result on each.
for (const toolType of tools) {
  const c = ctx({ toolType, zoom: false });

  void test(`${toolType}: screenshot and cursor_position take no fields`, () => {
    assert.deepEqual(plan({ action: 'screenshot' }, c), { kind: 'screenshot' });
    assert.deepEqual(plan({ action: 'cursor_position' }, c), { kind: 'cursor_position' });
    assert.equal(
      error({ action: 'screenshot', coordinate: [1, 2] }, c),
      'screenshot: unexpected field "coordinate": screenshot takes no other fields.',
    );
  });

  void test(`${toolType}: key presses one chord per space-separated combo`, () => {
    assert.deepEqual(actions({ action: 'key', text: 'ctrl+s' }, c), [
      { kind: 'chord', keys: parseKeyCombo('ctrl+s') },
    ]);
    assert.deepEqual(actions({ action: 'key', text: 'ctrl+a BackSpace' }, c), [
      { kind: 'chord', keys: parseKeyCombo('ctrl+a') },
      { kind: 'chord', keys: parseKeyCombo('BackSpace') },
    ]);
  });

  void test(`${toolType}: hold_key holds the keys for duration seconds`, () => {
    assert.deepEqual(actions({ action: 'hold_key', text: 'shift', duration: 1.5 }, c), [
      { kind: 'hold', keys: parseKeyCombo('shift'), durationMs: 1500 },
    ]);
  });

  void test(`${toolType}: type types the text`, () => {
    assert.deepEqual(actions({ action: 'type', text: 'Hello, world!' }, c), [
      { kind: 'text', text: 'Hello, world!' },
    ]);
  });

  void test(`${toolType}: mouse_move moves to the coordinate`, () => {
    assert.deepEqual(actions({ action: 'mouse_move', coordinate: [640, 400] }, c), [
      { kind: 'move', to: at(640, 400) },
    ]);
  });

  void test(`${toolType}: left_mouse_down and left_mouse_up act at the cursor`, () => {
    assert.deepEqual(actions({ action: 'left_mouse_down' }, c), [
      { kind: 'down', at: at(100, 200), button: 'left', modifiers: [] },
    ]);
    assert.deepEqual(actions({ action: 'left_mouse_up' }, c), [
      { kind: 'up', at: at(100, 200), button: 'left', modifiers: [] },
    ]);
  });

  void test(`${toolType}: the five clicks, at a coordinate or the cursor`, () => {
    const cases = [
      ['left_click', 'left', 1],
      ['right_click', 'right', 1],
      ['middle_click', 'middle', 1],
      ['double_click', 'left', 2],
      ['triple_click', 'left', 3],
    ] as const;
    for (const [action, button, count] of cases) {
      assert.deepEqual(actions({ action, coordinate: [500, 300] }, c), [
        { kind: 'click', at: at(500, 300), button, count, modifiers: [] },
      ]);
      assert.deepEqual(actions({ action }, c), [
        { kind: 'click', at: at(100, 200), button, count, modifiers: [] },
      ]);
    }
  });

  void test(`${toolType}: left_click_drag drags from start_coordinate to coordinate`, () => {
    assert.deepEqual(
      actions({ action: 'left_click_drag', start_coordinate: [10, 20], coordinate: [300, 400] }, c),
      [{ kind: 'drag', from: at(10, 20), to: at(300, 400), modifiers: [] }],
    );
  });

  void test(`${toolType}: scroll turns wheel clicks into pixels`, () => {
    const px = 3 * scrollPixelsPerClick;
    const wheel = (deltaX: number, deltaY: number, x = 500, y = 400) => [
      { kind: 'wheel', at: at(x, y), deltaX, deltaY, modifiers: [] },
    ];
    const s = { action: 'scroll', coordinate: [500, 400], scroll_amount: 3 };
    assert.deepEqual(actions({ ...s, scroll_direction: 'down' }, c), wheel(0, px));
    assert.deepEqual(actions({ ...s, scroll_direction: 'up' }, c), wheel(0, -px));
    assert.deepEqual(actions({ ...s, scroll_direction: 'left' }, c), wheel(-px, 0));
    assert.deepEqual(actions({ ...s, scroll_direction: 'right' }, c), wheel(px, 0));
    assert.deepEqual(
      actions({ action: 'scroll', scroll_direction: 'up', scroll_amount: 3 }, c),
      wheel(0, -px, 100, 200),
    );
    assert.deepEqual(
      actions({ action: 'scroll', scroll_direction: 'up', scroll_amount: 0 }, c),
      wheel(0, 0, 100, 200),
    );
  });

  void test(`${toolType}: wait waits duration seconds`, () => {
    assert.deepEqual(plan({ action: 'wait', duration: 2 }, c), { kind: 'wait', ms: 2000 });
    assert.deepEqual(plan({ action: 'wait', duration: 0 }, c), { kind: 'wait', ms: 0 });
    assert.deepEqual(plan({ action: 'wait', duration: maxDurationSeconds }, c), {
      kind: 'wait',
      ms: maxDurationSeconds * 1000,
    });
  });
}

void test('modifier keys in text are held during clicks, drags and scrolls', () => {
  const click = (text: unknown) => actions({ action: 'left_click', coordinate: [5, 6], text });
  assert.deepEqual(click('shift'), [
    { kind: 'click', at: at(5, 6), button: 'left', count: 1, modifiers: ['Shift'] },
  ]);
  assert.deepEqual(click('ctrl+shift')[0], {
    kind: 'click',
    at: at(5, 6),
    button: 'left',
    count: 1,
    modifiers: ['Control', 'Shift'],
  });
  assert.deepEqual(click('super'), [
    { kind: 'click', at: at(5, 6), button: 'left', count: 1, modifiers: ['Meta'] },
  ]);
  assert.deepEqual(click('alt'), [
    { kind: 'click', at: at(5, 6), button: 'left', count: 1, modifiers: ['Alt'] },
  ]);
  // null counts as absent, as the SDK's input types allow.
  assert.deepEqual(click(null), [
    { kind: 'click', at: at(5, 6), button: 'left', count: 1, modifiers: [] },
  ]);
  assert.deepEqual(actions({ action: 'triple_click', text: 'shift' }), [
    { kind: 'click', at: at(100, 200), button: 'left', count: 3, modifiers: ['Shift'] },
  ]);
  assert.deepEqual(
    actions({
      action: 'left_click_drag',
      start_coordinate: [1, 2],
      coordinate: [3, 4],
      text: 'alt',
    }),
    [{ kind: 'drag', from: at(1, 2), to: at(3, 4), modifiers: ['Alt'] }],
  );
  assert.deepEqual(
    actions({ action: 'scroll', scroll_direction: 'down', scroll_amount: 1, text: 'shift' }),
    [
      {
        kind: 'wheel',
        at: at(100, 200),
        deltaX: 0,
        deltaY: scrollPixelsPerClick,
        modifiers: ['Shift'],
      },
    ],
  );
});

void test('zoom returns the region on computer_20251124 with zoom enabled', () => {
  assert.deepEqual(plan({ action: 'zoom', region: [100, 200, 400, 350] }), {
    kind: 'zoom',
    region: { x0: 100, y0: 200, x1: 400, y1: 350 },
  });
  assert.deepEqual(plan({ action: 'zoom', region: [0, 0, 1280, 800] }), {
    kind: 'zoom',
    region: { x0: 0, y0: 0, x1: 1280, y1: 800 },
  });
});

void test('coordinates given as integral JSON floats are accepted', () => {
  const input: unknown = JSON.parse('{"action":"left_click","coordinate":[10.0, 20.0]}');
  assert.deepEqual(actions(input), [
    { kind: 'click', at: at(10, 20), button: 'left', count: 1, modifiers: [] },
  ]);
});

const all =
  'key, hold_key, type, cursor_position, mouse_move, left_mouse_down, left_mouse_up, ' +
  'left_click, left_click_drag, right_click, middle_click, double_click, triple_click, ' +
  'scroll, wait, screenshot';

void test('errors: the input itself', () => {
  assert.equal(error(null), 'The input must be a JSON object with an "action", got null.');
  assert.equal(
    error('screenshot'),
    'The input must be a JSON object with an "action", got "screenshot".',
  );
  assert.equal(error([]), 'The input must be a JSON object with an "action", got [].');
  assert.equal(error({}), `The input has no "action". Use one of: ${all}, zoom.`);
  assert.equal(error({ action: 7 }), '"action" must be a string, got 7.');
  assert.equal(error({ action: 'hover' }), `Unknown action "hover". Use one of: ${all}, zoom.`);
  assert.equal(
    error({ action: 'hover' }, ctx({ toolType: 'computer_20250124' })),
    `Unknown action "hover". Use one of: ${all}.`,
  );
});

void test('errors: zoom where it does not exist or is not enabled', () => {
  assert.equal(
    error({ action: 'zoom', region: [0, 0, 10, 10] }, ctx({ toolType: 'computer_20250124' })),
    `The zoom action does not exist in computer_20250124. Use one of: ${all}.`,
  );
  assert.equal(
    error({ action: 'zoom', region: [0, 0, 10, 10] }, ctx({ zoom: false })),
    'The zoom action is not enabled for this tool. Take a screenshot instead.',
  );
});

void test('errors: missing and unexpected fields', () => {
  assert.equal(error({ action: 'mouse_move' }), 'mouse_move: "coordinate" is required.');
  assert.equal(error({ action: 'key' }), 'key: "text" is required.');
  assert.equal(error({ action: 'wait' }), 'wait: "duration" is required.');
  assert.equal(error({ action: 'hold_key', text: 'a' }), 'hold_key: "duration" is required.');
  assert.equal(
    error({ action: 'left_click_drag', coordinate: [1, 2] }),
    'left_click_drag: "start_coordinate" is required.',
  );
  assert.equal(
    error({ action: 'scroll', scroll_amount: 1 }),
    'scroll: "scroll_direction" is required.',
  );
  assert.equal(error({ action: 'zoom' }), 'zoom: "region" is required.');
  assert.equal(
    error({ action: 'left_mouse_down', coordinate: [1, 2] }),
    'left_mouse_down: unexpected field "coordinate": left_mouse_down takes no other fields.',
  );
  assert.equal(
    error({ action: 'left_click', coordinate: [1, 2], button: 'left' }),
    'left_click: unexpected field "button": left_click takes only "coordinate", "text".',
  );
  assert.equal(
    error({ action: 'key', text: 'Return', repeat: 3 }),
    'key: unexpected field "repeat": key takes only "text".',
  );
  assert.equal(
    error({ action: 'mouse_move', coordinate: [1, 2], text: 'shift' }),
    'mouse_move: unexpected field "text": mouse_move takes only "coordinate".',
  );
});

void test('errors: coordinates of the wrong shape or outside the screenshot', () => {
  assert.equal(
    error({ action: 'left_click', coordinate: [1500, 20] }),
    'left_click: coordinate [1500, 20] is outside the 1280x800 screenshot (x must be 0 to 1279, y 0 to 799).',
  );
  assert.equal(
    error({ action: 'mouse_move', coordinate: [1280, 0] }),
    'mouse_move: coordinate [1280, 0] is outside the 1280x800 screenshot (x must be 0 to 1279, y 0 to 799).',
  );
  assert.equal(
    error({ action: 'left_click_drag', start_coordinate: [-1, 5], coordinate: [1, 2] }),
    'left_click_drag: start_coordinate [-1, 5] is outside the 1280x800 screenshot (x must be 0 to 1279, y 0 to 799).',
  );
  assert.equal(
    error({ action: 'left_click', coordinate: [10.5, 20] }),
    'left_click: "coordinate" must be [x, y], two whole numbers of screenshot pixels, got [10.5,20].',
  );
  assert.equal(
    error({ action: 'left_click', coordinate: '500, 300' }),
    'left_click: "coordinate" must be [x, y], two whole numbers of screenshot pixels, got "500, 300".',
  );
  assert.equal(
    error({ action: 'mouse_move', coordinate: [1, 2, 3] }),
    'mouse_move: "coordinate" must be [x, y], two whole numbers of screenshot pixels, got [1,2,3].',
  );
  assert.equal(
    error({ action: 'left_click' }, ctx({ cursor: point<'model'>(2000, 10) })),
    'left_click: the cursor [2000, 10] is outside the 1280x800 screenshot; move it with mouse_move first.',
  );
});

void test('errors: text, keys and modifiers', () => {
  assert.equal(error({ action: 'type', text: 5 }), 'type: "text" must be a string, got 5.');
  assert.equal(error({ action: 'type', text: '' }), 'type: "text" is empty.');
  assert.equal(error({ action: 'key', text: '' }), 'key: "text" is empty.');
  assert.equal(
    error({ action: 'key', text: 'ctrl+Foo' }),
    'key: Unknown key "Foo" in "ctrl+Foo". Use xdotool key names such as Return, Tab, ctrl+a.',
  );
  assert.equal(
    error({ action: 'hold_key', text: 'Hyperdrive', duration: 1 }),
    'hold_key: Unknown key "Hyperdrive" in "Hyperdrive". Use xdotool key names such as Return, Tab, ctrl+a.',
  );
  assert.equal(
    error({ action: 'left_click', text: 'a' }),
    'left_click: "text" holds modifier keys during the left_click (shift, ctrl, alt, super); "a" is not a modifier key.',
  );
  assert.equal(
    error({ action: 'scroll', scroll_direction: 'up', scroll_amount: 1, text: 7 }),
    'scroll: "text" must be a string, got 7.',
  );
});

void test('errors: durations', () => {
  assert.equal(
    error({ action: 'wait', duration: maxDurationSeconds + 1 }),
    `wait: "duration" must be from 0 to ${maxDurationSeconds} seconds, got ${maxDurationSeconds + 1}.`,
  );
  assert.equal(
    error({ action: 'hold_key', text: 'a', duration: -1 }),
    `hold_key: "duration" must be from 0 to ${maxDurationSeconds} seconds, got -1.`,
  );
  assert.equal(
    error({ action: 'wait', duration: '2' }),
    'wait: "duration" must be a number of seconds, got "2".',
  );
});

void test('errors: scroll direction and amount', () => {
  const s = { action: 'scroll', coordinate: [1, 1] };
  assert.equal(
    error({ ...s, scroll_direction: 'sideways', scroll_amount: 1 }),
    'scroll: "scroll_direction" must be "up", "down", "left" or "right", got "sideways".',
  );
  assert.equal(
    error({ ...s, scroll_direction: 'down', scroll_amount: -2 }),
    'scroll: "scroll_amount" must be a whole number of wheel clicks, 0 or more, got -2.',
  );
  assert.equal(
    error({ ...s, scroll_direction: 'down', scroll_amount: 1.5 }),
    'scroll: "scroll_amount" must be a whole number of wheel clicks, 0 or more, got 1.5.',
  );
});

void test('errors: zoom regions', () => {
  assert.equal(
    error({ action: 'zoom', region: [400, 200, 100, 350] }),
    'zoom: region [400, 200, 100, 350] must have x0 < x1 and y0 < y1 (top-left, then bottom-right).',
  );
  assert.equal(
    error({ action: 'zoom', region: [0, 0, 1281, 800] }),
    'zoom: region [0, 0, 1281, 800] is outside the 1280x800 screenshot (x from 0 to 1280, y from 0 to 800).',
  );
  assert.equal(
    error({ action: 'zoom', region: [0, 0, 10] }),
    'zoom: "region" must be [x0, y0, x1, y1], four whole numbers of screenshot pixels, got [0,0,10].',
  );
});
