import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  UnknownKeyError,
  isKeyName,
  isModifierKey,
  keyDefinition,
  keyForCharacter,
  modifierOf,
  parseKeyCombo,
  parseKeySequence,
} from '../../background/key-parser.ts';
import { type KeyName, keyDefinitions, keysymAliases } from '../../extension/keys-table.ts';

const names = Object.keys(keyDefinitions) as KeyName[];

function printableAscii(): string[] {
  return Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));
}

function assertUnknown(input: string, parse: (s: string) => unknown, key: string, combo: string) {
  assert.throws(
    () => parse(input),
    (e: unknown) => {
      assert.ok(e instanceof UnknownKeyError);
      assert.equal(e.name, 'UnknownKeyError');
      assert.equal(e.key, key);
      assert.equal(e.combo, combo);
      return true;
    },
  );
}

describe('keyDefinitions', () => {
  test('every entry is well formed', () => {
    for (const name of names) {
      const def = keyDefinition(name);
      assert.ok(def.key.length > 0, name);
      assert.match(def.code, /^[A-Z][A-Za-z0-9]+$/, name);
      assert.ok(Number.isInteger(def.keyCode) && def.keyCode > 0 && def.keyCode < 256, name);
      assert.ok([undefined, 0, 1, 2, 3].includes(def.location), name);
    }
  });

  test('has every printable ASCII character, space as Space', () => {
    for (const ch of printableAscii()) {
      const name = keyForCharacter(ch);
      assert.ok(name !== undefined, `no key for ${JSON.stringify(ch)}`);
      const def = keyDefinition(name);
      assert.equal(def.text, ch);
      assert.equal(def.key, ch);
      if (ch !== ' ') assert.equal(name, ch);
    }
    assert.equal(keyForCharacter(' '), 'Space');
  });

  test('keys named by a code have that code', () => {
    const codeNamed =
      /^(Key[A-Z]|Digit\d|F\d+|Numpad\d|Arrow\w+|Enter|Tab|Space|Backspace|Delete|Escape|Home|End|PageUp|PageDown|Insert|CapsLock|NumLock|ContextMenu|(Shift|Control|Alt|Meta)(Left|Right))$/;
    for (const name of names.filter((n) => codeNamed.test(n))) {
      assert.equal(keyDefinition(name).code, name);
    }
  });

  test('character names agree with their code names', () => {
    for (const l of 'abcdefghijklmnopqrstuvwxyz') {
      const code = `Key${l.toUpperCase()}`;
      assert.ok(isKeyName(code) && isKeyName(l));
      assert.deepEqual(keyDefinition(l), keyDefinition(code));
    }
    for (const d of '0123456789') {
      const code = `Digit${d}`;
      assert.ok(isKeyName(code) && isKeyName(d));
      assert.deepEqual(keyDefinition(d), keyDefinition(code));
    }
  });

  test('shifted characters are the Shift layer of an unshifted key', () => {
    const shifted = names.filter((n) => keyDefinition(n).shifted);
    assert.equal(shifted.length, 26 + 10 + 11);
    for (const name of shifted) {
      const def = keyDefinition(name);
      const base = names.find(
        (n) => n.length === 1 && !keyDefinition(n).shifted && keyDefinition(n).code === def.code,
      );
      assert.ok(base !== undefined, name);
      const baseDef = keyDefinition(base);
      assert.equal(baseDef.shiftKey, def.key, name);
      assert.equal(baseDef.shiftText, def.text, name);
      assert.equal(baseDef.keyCode, def.keyCode, name);
    }
  });

  test('! is Digit1 with Shift, ~ is Backquote with Shift (uievents-code)', () => {
    assert.deepEqual(keyDefinition('!'), {
      key: '!',
      code: 'Digit1',
      keyCode: 49,
      text: '!',
      shifted: true,
    });
    assert.equal(keyDefinition('~').code, 'Backquote');
    assert.equal(keyDefinition('~').shifted, true);
    assert.equal(keyDefinition('Digit1').shiftKey, '!');
    assert.equal(keyDefinition('+').code, 'Equal');
    assert.equal(keyDefinition('_').code, 'Minus');
    assert.equal(keyDefinition('"').code, 'Quote');
    assert.equal(keyDefinition('|').code, 'Backslash');
    assert.equal(keyDefinition('A').shifted, true);
    assert.equal(keyDefinition('a').shifted, undefined);
  });

  test('Enter inserts a newline; Tab, Backspace and modifiers insert nothing', () => {
    assert.equal(keyDefinition('Enter').text, '\n');
    assert.equal(keyDefinition('Enter').keyCode, 13);
    assert.equal(keyDefinition('Tab').text, undefined);
    assert.equal(keyDefinition('Backspace').text, undefined);
    assert.equal(keyDefinition('Shift').text, undefined);
    assert.equal(keyDefinition('Space').key, ' ');
  });

  test('F1 to F24', () => {
    for (let i = 1; i <= 24; i++) {
      const name = `F${i}`;
      assert.ok(isKeyName(name), name);
      assert.deepEqual(keyDefinition(name), { key: name, code: name, keyCode: 111 + i });
    }
  });

  test('numpad keys have location 3, NumLock on', () => {
    for (let i = 0; i <= 9; i++) {
      const name = `Numpad${i}`;
      assert.ok(isKeyName(name));
      const def = keyDefinition(name);
      assert.equal(def.location, 3);
      assert.equal(def.key, String(i));
      assert.equal(def.text, String(i));
      assert.equal(def.keyCode, 96 + i);
    }
    for (const name of [
      'NumpadEnter',
      'NumpadAdd',
      'NumpadSubtract',
      'NumpadMultiply',
      'NumpadDivide',
      'NumpadDecimal',
      'NumpadEqual',
      'NumpadHome',
      'NumpadDelete',
    ] as const) {
      assert.equal(keyDefinition(name).location, 3, name);
    }
    assert.deepEqual(keyDefinition('NumpadHome'), {
      key: 'Home',
      code: 'Numpad7',
      keyCode: 36,
      location: 3,
    });
    assert.equal(keyDefinition('NumLock').location, undefined);
  });

  test('modifiers: sides and generic names', () => {
    assert.deepEqual(keyDefinition('Shift'), keyDefinition('ShiftLeft'));
    assert.equal(keyDefinition('ControlRight').location, 2);
    assert.equal(keyDefinition('AltLeft').location, 1);
    assert.equal(keyDefinition('MetaRight').code, 'MetaRight');
  });
});

describe('modifierOf / isModifierKey', () => {
  test('the four modifiers, both sides', () => {
    for (const [name, mod] of [
      ['Shift', 'Shift'],
      ['ShiftRight', 'Shift'],
      ['Control', 'Control'],
      ['ControlLeft', 'Control'],
      ['Alt', 'Alt'],
      ['AltRight', 'Alt'],
      ['Meta', 'Meta'],
      ['MetaLeft', 'Meta'],
    ] as const) {
      assert.equal(modifierOf(name), mod, name);
      assert.equal(isModifierKey(name), true, name);
    }
  });

  test('other keys, locks included, are not modifiers', () => {
    for (const name of ['a', 'A', 'Enter', 'CapsLock', 'NumLock', 'Tab', 'F1'] as const) {
      assert.equal(modifierOf(name), undefined, name);
      assert.equal(isModifierKey(name), false, name);
    }
  });
});

describe('keysymAliases', () => {
  test('every alias maps to defined keys and is not itself a KeyName', () => {
    for (const [alias, target] of Object.entries(keysymAliases)) {
      assert.ok(!isKeyName(alias), `${alias} shadows a KeyName`);
      const targets: readonly string[] = typeof target === 'string' ? [target] : target;
      for (const t of targets) assert.ok(isKeyName(t), `${alias} → ${t}`);
      assert.doesNotThrow(() => parseKeyCombo(alias), alias);
    }
  });

  test('every KeyName parses to itself (plus Shift for Shift-layer keys)', () => {
    for (const name of names) {
      if (name === '+') continue; // `+` alone is the plus key too, tested below
      const expected = keyDefinition(name).shifted ? ['Shift', name] : [name];
      assert.deepEqual(parseKeyCombo(name), expected, name);
    }
  });

  const cases: [string, KeyName][] = [
    ['Return', 'Enter'],
    ['KP_Enter', 'NumpadEnter'],
    ['BackSpace', 'Backspace'],
    ['Tab', 'Tab'],
    ['Escape', 'Escape'],
    ['Esc', 'Escape'],
    ['Delete', 'Delete'],
    ['Page_Up', 'PageUp'],
    ['Prior', 'PageUp'],
    ['Page_Down', 'PageDown'],
    ['Next', 'PageDown'],
    ['Home', 'Home'],
    ['End', 'End'],
    ['Left', 'ArrowLeft'],
    ['Up', 'ArrowUp'],
    ['Right', 'ArrowRight'],
    ['Down', 'ArrowDown'],
    ['KP_0', 'Numpad0'],
    ['KP_9', 'Numpad9'],
    ['KP_Add', 'NumpadAdd'],
    ['KP_Subtract', 'NumpadSubtract'],
    ['KP_Multiply', 'NumpadMultiply'],
    ['KP_Divide', 'NumpadDivide'],
    ['KP_Decimal', 'NumpadDecimal'],
    ['KP_Home', 'NumpadHome'],
    ['KP_Page_Down', 'NumpadPageDown'],
    ['F1', 'F1'],
    ['F12', 'F12'],
    ['F24', 'F24'],
    ['space', 'Space'],
    ['minus', '-'],
    ['equal', '='],
    ['comma', ','],
    ['period', '.'],
    ['slash', '/'],
    ['backslash', '\\'],
    ['semicolon', ';'],
    ['apostrophe', "'"],
    ['grave', '`'],
    ['bracketleft', '['],
    ['bracketright', ']'],
    ['ctrl', 'Control'],
    ['control', 'Control'],
    ['Control_L', 'ControlLeft'],
    ['Control_R', 'ControlRight'],
    ['shift', 'Shift'],
    ['Shift_L', 'ShiftLeft'],
    ['Shift_R', 'ShiftRight'],
    ['alt', 'Alt'],
    ['Alt_L', 'AltLeft'],
    ['Alt_R', 'AltRight'],
    ['meta', 'Meta'],
    ['Meta_L', 'MetaLeft'],
    ['super', 'Meta'],
    ['Super_L', 'MetaLeft'],
    ['Super_R', 'MetaRight'],
    ['cmd', 'Meta'],
    ['command', 'Meta'],
    ['win', 'Meta'],
    ['Caps_Lock', 'CapsLock'],
    ['Num_Lock', 'NumLock'],
    ['Insert', 'Insert'],
    ['Menu', 'ContextMenu'],
    ['a', 'a'],
    ['z', 'z'],
    ['0', '0'],
    ['9', '9'],
    ['Enter', 'Enter'],
    ['ArrowLeft', 'ArrowLeft'],
    ['PageDown', 'PageDown'],
    ['Backspace', 'Backspace'],
    ['XF86AudioMute', 'AudioVolumeMute'],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => {
      assert.deepEqual(parseKeyCombo(input), [expected]);
    });
  }

  const shiftedCases: [string, KeyName][] = [
    ['A', 'A'],
    ['Z', 'Z'],
    ['plus', '+'],
    ['quotedbl', '"'],
    ['asciitilde', '~'],
    ['exclam', '!'],
    ['at', '@'],
    ['numbersign', '#'],
    ['dollar', '$'],
    ['percent', '%'],
    ['asciicircum', '^'],
    ['ampersand', '&'],
    ['asterisk', '*'],
    ['parenleft', '('],
    ['parenright', ')'],
    ['braceleft', '{'],
    ['braceright', '}'],
    ['bar', '|'],
    ['colon', ':'],
    ['less', '<'],
    ['greater', '>'],
    ['question', '?'],
    ['underscore', '_'],
  ];
  for (const [input, expected] of shiftedCases) {
    test(`${input} → Shift + ${expected}`, () => {
      assert.deepEqual(parseKeyCombo(input), ['Shift', expected]);
    });
  }
});

describe('parseKeyCombo', () => {
  test('ctrl+shift+Tab: modifiers in order, then the key', () => {
    assert.deepEqual(parseKeyCombo('ctrl+shift+Tab'), ['Control', 'Shift', 'Tab']);
    assert.deepEqual(parseKeyCombo('shift+ctrl+Tab'), ['Shift', 'Control', 'Tab']);
  });

  test('modifiers written after the key still come first', () => {
    assert.deepEqual(parseKeyCombo('a+ctrl'), ['Control', 'a']);
  });

  test('a modifier alone (hold_key shift)', () => {
    assert.deepEqual(parseKeyCombo('shift'), ['Shift']);
    assert.deepEqual(parseKeyCombo('ctrl+alt'), ['Control', 'Alt']);
  });

  test('super, cmd and win are Meta', () => {
    assert.deepEqual(parseKeyCombo('super+l'), ['Meta', 'l']);
    assert.deepEqual(parseKeyCombo('cmd+c'), ['Meta', 'c']);
    assert.deepEqual(parseKeyCombo('win+e'), ['Meta', 'e']);
    assert.equal(modifierOf('Meta'), 'Meta');
  });

  test('KP_Enter is NumpadEnter at location 3', () => {
    const [name, ...rest] = parseKeyCombo('KP_Enter');
    assert.equal(rest.length, 0);
    assert.ok(name !== undefined);
    assert.equal(keyDefinition(name).location, 3);
    assert.equal(keyDefinition(name).code, 'NumpadEnter');
    assert.equal(keyDefinition(name).key, 'Enter');
  });

  test('the plus key: ctrl+plus, ctrl++, spaces, and + alone', () => {
    const ctrlPlus = ['Control', 'Shift', '+'];
    assert.deepEqual(parseKeyCombo('ctrl+plus'), ctrlPlus);
    assert.deepEqual(parseKeyCombo('ctrl++'), ctrlPlus);
    assert.deepEqual(parseKeyCombo('ctrl + +'), ctrlPlus);
    assert.deepEqual(parseKeyCombo('ctrl + plus'), ctrlPlus);
    assert.deepEqual(parseKeyCombo('ctrl++ '), ctrlPlus);
    assert.deepEqual(parseKeyCombo('+'), ['Shift', '+']);
    assert.deepEqual(parseKeyCombo('ctrl+++a'), ['Control', 'Shift', '+', 'a']);
    assert.deepEqual(parseKeyCombo('ctrl+KP_Add'), ['Control', 'NumpadAdd']);
  });

  test('spaces around + are allowed', () => {
    assert.deepEqual(parseKeyCombo(' ctrl + shift + Tab '), ['Control', 'Shift', 'Tab']);
  });

  test('Shift-layer keys bring Shift, once', () => {
    assert.deepEqual(parseKeyCombo('ctrl+A'), ['Control', 'Shift', 'A']);
    assert.deepEqual(parseKeyCombo('ctrl+shift+A'), ['Control', 'Shift', 'A']);
    assert.deepEqual(parseKeyCombo('Shift_R+A'), ['ShiftRight', 'A']);
    assert.deepEqual(parseKeyCombo('!'), ['Shift', '!']);
    assert.deepEqual(parseKeyCombo('ctrl+a'), ['Control', 'a']);
  });

  test('ISO_Left_Tab is Shift+Tab', () => {
    assert.deepEqual(parseKeyCombo('ISO_Left_Tab'), ['Shift', 'Tab']);
    assert.deepEqual(parseKeyCombo('shift+ISO_Left_Tab'), ['Shift', 'Tab']);
    assert.deepEqual(parseKeyCombo('alt+ISO_Left_Tab'), ['Alt', 'Shift', 'Tab']);
  });

  test('a physical key goes down once', () => {
    assert.deepEqual(parseKeyCombo('ctrl+Control_L+a'), ['Control', 'a']);
  });

  test('names match ignoring case, spaces and underscores', () => {
    for (const s of ['return', 'RETURN', 'Return', 'enter', 'ENTER']) {
      assert.deepEqual(parseKeyCombo(s), ['Enter'], s);
    }
    for (const s of ['pagedown', 'page_down', 'PAGE_DOWN', 'Page_Down', 'PageDown', 'Page Down']) {
      assert.deepEqual(parseKeyCombo(s), ['PageDown'], s);
    }
    assert.deepEqual(parseKeyCombo('CTRL+SHIFT+TAB'), ['Control', 'Shift', 'Tab']);
    assert.deepEqual(parseKeyCombo('Ctrl+Alt+Delete'), ['Control', 'Alt', 'Delete']);
    assert.deepEqual(parseKeyCombo('kp_enter'), ['NumpadEnter']);
    assert.deepEqual(parseKeyCombo('f12'), ['F12']);
    assert.deepEqual(parseKeyCombo('EQUAL'), ['Equal']);
    assert.deepEqual(parseKeyCombo('equal'), ['=']);
    assert.deepEqual(parseKeyCombo('keya'), ['KeyA']);
  });

  test('single letters keep their case', () => {
    assert.deepEqual(parseKeyCombo('a'), ['a']);
    assert.deepEqual(parseKeyCombo('A'), ['Shift', 'A']);
    assert.deepEqual(parseKeyCombo('ctrl+c'), ['Control', 'c']);
    assert.deepEqual(parseKeyCombo('ctrl+C'), ['Control', 'Shift', 'C']);
  });

  test('unknown key: the error names the key and the combo', () => {
    assertUnknown('ctrl+Foo', parseKeyCombo, 'Foo', 'ctrl+Foo');
    assert.throws(() => parseKeyCombo('ctrl+Foo'), {
      name: 'UnknownKeyError',
      message: 'Unknown key "Foo" in "ctrl+Foo"',
    });
    assert.throws(() => parseKeyCombo('Foo'), { message: 'Unknown key "Foo" in "Foo"' });
    assert.throws(() => parseKeyCombo('ctrl+é'), { message: 'Unknown key "é" in "ctrl+é"' });
    // Spaces are not separators inside a combo (parseKeySequence splits on them).
    assert.throws(() => parseKeyCombo('ctrl a'), { message: 'Unknown key "ctrl a" in "ctrl a"' });
  });

  test('empty input and missing keys throw UnknownKeyError', () => {
    for (const s of ['', '   ', 'ctrl+', 'ctrl + ', '+a', 'ctrl++a', 'ctrl++shift+']) {
      assertUnknown(s, parseKeyCombo, '', s);
    }
    assert.throws(() => parseKeyCombo('ctrl+'), { message: 'Missing key in "ctrl+"' });
  });

  test('UnknownKeyError is an Error', () => {
    const e = new UnknownKeyError('Foo', 'ctrl+Foo');
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'UnknownKeyError');
    assert.equal(e.message, 'Unknown key "Foo" in "ctrl+Foo"');
  });
});

describe('parseKeySequence', () => {
  test('space-separated combos, as xdotool key takes them', () => {
    assert.deepEqual(parseKeySequence('ctrl+a BackSpace'), [['Control', 'a'], ['Backspace']]);
    assert.deepEqual(parseKeySequence('Down Down Return'), [
      ['ArrowDown'],
      ['ArrowDown'],
      ['Enter'],
    ]);
    assert.deepEqual(parseKeySequence('  Tab\tTab\n'), [['Tab'], ['Tab']]);
  });

  test('a single combo is a sequence of one', () => {
    assert.deepEqual(parseKeySequence('ctrl+shift+Tab'), [['Control', 'Shift', 'Tab']]);
  });

  test('spaces next to + join a combo', () => {
    assert.deepEqual(parseKeySequence('ctrl + a Delete'), [['Control', 'a'], ['Delete']]);
    assert.deepEqual(parseKeySequence('ctrl+ a'), [['Control', 'a']]);
    assert.deepEqual(parseKeySequence('ctrl +a'), [['Control', 'a']]);
  });

  test('the plus key in sequences', () => {
    assert.deepEqual(parseKeySequence('ctrl++ a'), [['Control', 'Shift', '+'], ['a']]);
    assert.deepEqual(parseKeySequence('ctrl + +'), [['Control', 'Shift', '+']]);
    assert.deepEqual(parseKeySequence('a +'), [['a'], ['Shift', '+']]);
    assert.deepEqual(parseKeySequence('+'), [['Shift', '+']]);
  });

  test('errors name the combo they are in', () => {
    assertUnknown('ctrl+a Foo Return', parseKeySequence, 'Foo', 'Foo');
    assertUnknown('ctrl+Baz Return', parseKeySequence, 'Baz', 'ctrl+Baz');
    assertUnknown('', parseKeySequence, '', '');
    assertUnknown('   ', parseKeySequence, '', '   ');
  });
});

describe('keyForCharacter', () => {
  test('letters, digits, punctuation: own names, Shift layer marked', () => {
    assert.equal(keyForCharacter('a'), 'a');
    assert.equal(keyForCharacter('A'), 'A');
    assert.equal(keyDefinition('A').shifted, true);
    assert.equal(keyForCharacter('!'), '!');
    assert.equal(keyForCharacter('7'), '7');
    assert.equal(keyForCharacter('\\'), '\\');
  });

  test('whitespace', () => {
    assert.equal(keyForCharacter(' '), 'Space');
    assert.equal(keyForCharacter('\n'), 'Enter');
    assert.equal(keyForCharacter('\r'), 'Enter');
    assert.equal(keyForCharacter('\t'), 'Tab');
  });

  test('non-ASCII, control characters and longer strings have no key', () => {
    for (const s of ['é', 'ß', '€', '😀', '\u0000', '\u007f', 'ab', '', 'Enter', 'F1']) {
      assert.equal(keyForCharacter(s), undefined, JSON.stringify(s));
    }
  });
});
