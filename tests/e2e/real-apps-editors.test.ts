/**
 * Rich-text and code editors through the whole extension (popup open): Quill
 * (typing, select a word, toolbar Bold), CodeMirror 5 (typing through its hidden
 * textarea) and Monaco (typing, Ctrl+A, retyping). Each checks the editor's model.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { click, describeApps, doubleClick, key, type, waitForApp } from './real-apps.ts';

interface Editors {
  quill?: { getContents(): { ops: unknown[] }; getText(): string };
  cm?: { getValue(): string };
  editor?: { getModel(): { getValue(): string } };
  __ready?: boolean;
}

describeApps('editors through the extension (popup open)', (runApp) => {
  test('Quill: typing, double-click a word, Bold from the toolbar', async () => {
    const { page } = await runApp(
      '/fixtures/apps/quill.html',
      'Write "Hello world" and make "world" bold.',
      [
        async (c) => click(await c.target('#editor .ql-editor', 0.5, 0.2)),
        () => type('Hello world'),
        async (c) => doubleClick(await c.targetWord('#editor .ql-editor', 'world')),
        async (c) => click(await c.target('.ql-toolbar .ql-bold')),
      ],
    );
    await waitForApp(page, 'world is bold', () =>
      JSON.stringify((window as Editors).quill?.getContents().ops).includes('"bold":true'),
    );
    assert.deepEqual(await page.evaluate(() => (window as Editors).quill?.getContents().ops), [
      { insert: 'Hello ' },
      { insert: 'world', attributes: { bold: true } },
      { insert: '\n' },
    ]);
    await page.close();
  });

  test('CodeMirror 5: typing two lines lands in the editor model', async () => {
    const { page } = await runApp('/fixtures/apps/codemirror.html', 'Type two lines of code.', [
      async (c) => click(await c.target('.CodeMirror', 0.5, 0.2)),
      () => type('let total = 42;\ntotal += 1;'),
    ]);
    await waitForApp(
      page,
      'the model holds the code',
      () => (window as Editors).cm?.getValue() === 'let total = 42;\ntotal += 1;',
    );
    await page.close();
  });

  test('Monaco: typing, Ctrl+A and retyping land in the editor model', async () => {
    const { page } = await runApp(
      '/fixtures/apps/monaco.html',
      'Type a declaration, then replace everything with another.',
      [
        async (c) => click(await c.target('#editor', 0.5, 0.1)),
        () => type('const answer = 42;'),
        () => key('ctrl+a'),
        () => type('let y = 2;'),
      ],
      {
        prepare: (p) =>
          p.waitForFunction(() => (window as Editors).__ready === true).then(() => undefined),
      },
    );
    await waitForApp(
      page,
      'the model holds the retyped code',
      () => (window as Editors).editor?.getModel().getValue() === 'let y = 2;',
    );
    await page.close();
  });
});
