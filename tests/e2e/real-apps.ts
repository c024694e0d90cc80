/**
 * Shared by the real-app end-to-end tests (real-apps*.test.ts): the whole
 * extension (settings, popup, Run, background, content engine) against real web
 * apps loaded from node_modules, driven by a scripted model.
 *
 * The scripted model sees the screenshots the extension sends. App UIs have no
 * unique colours, so a step finds its target either by a colour marker the test
 * paints around it (`marker`) or through a side channel: the element's box read
 * from the page, converted from viewport CSS pixels to model-image pixels with
 * the screenshot's own size (`target`).
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'puppeteer-core';
import { openPage } from '../support/browser.ts';
import { openPopup, runTask, statusText, transcript } from '../support/extension.ts';
import {
  findColor,
  lastToolResults,
  lastUserImage,
  type DecodedImage,
  type MessagesRequest,
} from '../support/fake-anthropic/index.ts';
import { startE2E, type E2E } from '../support/e2e.ts';
import { turnOf } from './policies.ts';

export type Apps = E2E;

/** The apps run in "Ask before acting" mode, as a new user's would: the tests answer the questions. */
export function startApps(): Promise<Apps> {
  return startE2E({
    launch: { width: 1024, height: 768 },
    settings: { maxSteps: 40, permissionMode: 'Ask before acting' },
  });
}

type ToolInput = Record<string, unknown>;

/** What a scripted step may look at: the screenshot, and the app page as a side channel. */
export interface StepContext {
  readonly req: MessagesRequest;
  readonly image: DecodedImage;
  readonly page: Page;
  /** Model-image pixel at the centre (or at fractions fx, fy) of the first element matching `selector`. */
  target(selector: string, fx?: number, fy?: number): Promise<[number, number]>;
  /** Centre of the first element matching `selector` whose text is `text`. */
  targetText(selector: string, text: string): Promise<[number, number]>;
  /** Centre of the first occurrence of `word` in the text inside `selector`. */
  targetWord(selector: string, word: string): Promise<[number, number]>;
  /** Model-image pixel at a viewport CSS point. */
  toModel(x: number, y: number): Promise<[number, number]>;
  /** Centre of a colour marker in the screenshot. */
  marker(colour: Rgb): [number, number];
}

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** One model turn: the computer actions it asks for (one tool call each, in order). */
export type Step = (ctx: StepContext) => ToolInput | ToolInput[] | Promise<ToolInput | ToolInput[]>;

export interface AppRun {
  readonly status: string;
  readonly transcript: string[];
  /** document.hasFocus() of the app page, seen at each model turn. */
  readonly focusSeen: boolean[];
  /** Text of the tool results the extension sent back (errors included). */
  readonly results: string[];
  /** The questions the run asked the user, and what the test answered. */
  readonly questions: string[];
}

export type RunAppOptions = {
  prepare?: (page: Page) => Promise<void>;
  answer?: string;
  timeout?: number;
};

/** Runs a task on the app at `path` of the test site (see runApp); `assertRanUnfocused` checked. */
export type AppRunner = (
  path: string,
  task: string,
  steps: readonly Step[],
  options?: RunAppOptions,
) => Promise<{ page: Page; run: AppRun }>;

/**
 * A describe block whose tests share one e2e set-up (browser, extension, fake
 * model), started before them and closed after: `body` gets the runner.
 */
export function describeApps(title: string, body: (runApp: AppRunner) => void): void {
  describe(title, () => {
    let apps: Apps | undefined;
    before(async () => {
      apps = await startApps();
    });
    after(() => apps?.close());
    body(async (path, task, steps, options) => {
      assert.ok(apps, 'the e2e set-up started');
      const result = await runApp(apps, apps.site.url(path), task, steps, options);
      assertRanUnfocused(result.run, options?.answer);
      return result;
    });
  });
}

/**
 * Opens `url`, opens the popup (so the page loses focus, as it does for a user
 * who watches), runs `task` with a model that plays `steps` and then answers
 * `answer`, and waits for the run to end.
 */
export async function runApp(
  apps: Apps,
  url: string,
  task: string,
  steps: readonly Step[],
  options: RunAppOptions = {},
): Promise<{ page: Page; run: AppRun }> {
  const page = await openPage(apps.l.browser, url);
  await options.prepare?.(page);
  const focusSeen: boolean[] = [];
  const results: string[] = [];
  const answer = options.answer ?? 'Done.';
  apps.fake.setPolicy(async (req) => {
    const turn = turnOf(req);
    for (const r of lastToolResults(req)) {
      const content = Array.isArray(r.content) ? r.content : [];
      for (const c of content) if (c.type === 'text') results.push(c.text);
    }
    focusSeen.push(await page.evaluate(() => document.hasFocus()));
    const step = steps[turn - 1];
    if (!step) return { text: answer };
    const image = lastUserImage(req);
    assert.ok(image, `turn ${turn} carries a PNG screenshot`);
    const toModel = async (x: number, y: number): Promise<[number, number]> => {
      const [vw, vh] = await page.evaluate(() => [innerWidth, innerHeight]);
      return [
        Math.min(image.width - 1, Math.floor((x * image.width) / (vw ?? 1))),
        Math.min(image.height - 1, Math.floor((y * image.height) / (vh ?? 1))),
      ];
    };
    const ctx: StepContext = {
      req,
      image,
      page,
      toModel,
      target: async (selector, fx = 0.5, fy = 0.5) => {
        const box = await page.evaluate((sel) => {
          const el = document.querySelector(sel);
          if (!el) return null;
          const r = el.getBoundingClientRect();
          return [r.x, r.y, r.width, r.height];
        }, selector);
        assert.ok(box, `turn ${turn}: ${selector} is on the page`);
        const [x = 0, y = 0, w = 0, h = 0] = box;
        return toModel(x + w * fx, y + h * fy);
      },
      targetText: async (selector, text) => {
        const box = await page.evaluate(
          (sel, t) => {
            const el = [...document.querySelectorAll(sel)].find((e) => e.textContent?.trim() === t);
            const r = el?.getBoundingClientRect();
            return r ? [r.x + r.width / 2, r.y + r.height / 2] : null;
          },
          selector,
          text,
        );
        assert.ok(box, `turn ${turn}: ${selector} "${text}" is on the page`);
        return toModel(box[0] ?? 0, box[1] ?? 0);
      },
      targetWord: async (selector, word) => {
        const box = await page.evaluate(
          (sel, w) => {
            const root = document.querySelector(sel);
            if (!root) return null;
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const at = n.textContent?.indexOf(w) ?? -1;
              if (at < 0) continue;
              const range = document.createRange();
              range.setStart(n, at);
              range.setEnd(n, at + w.length);
              const r = range.getBoundingClientRect();
              return [r.x + r.width / 2, r.y + r.height / 2];
            }
            return null;
          },
          selector,
          word,
        );
        assert.ok(box, `turn ${turn}: "${word}" is in ${selector}`);
        return toModel(box[0] ?? 0, box[1] ?? 0);
      },
      marker: (colour) => {
        const hit = findColor(image, colour, 10);
        assert.ok(hit, `turn ${turn}: marker ${JSON.stringify(colour)} is in the screenshot`);
        return [Math.round(hit.x), Math.round(hit.y)];
      },
    };
    const inputs = await step(ctx);
    const list = Array.isArray(inputs) ? inputs : [inputs];
    return { toolUses: list.map((input) => ({ name: 'computer', input })) };
  });
  const popup = await openPopup(apps.l);
  await runTask(popup, task);
  const questions: string[] = [];
  let status: string;
  try {
    status = await endAnsweringQuestions(popup, questions, options.timeout ?? 90_000);
  } catch (error) {
    const shown = await popup.evaluate(() => document.body.innerText).catch(() => '?');
    throw new Error(`the run did not end: ${String(error)}\npopup: ${shown}`);
  }
  const lines = await transcript(popup);
  await popup.close();
  return { page, run: { status, transcript: lines, focusSeen, results, questions } };
}

/**
 * Waits for the run to end, answering the questions it asks on the way as a
 * user who trusts the task would ("Always allow" for a site, else the first,
 * primary choice). Returns the final status text.
 */
async function endAnsweringQuestions(
  popup: Page,
  asked: string[],
  timeout: number,
): Promise<string> {
  const deadline = Date.now() + timeout;
  const answered = new Set<string>();
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no end within ${timeout} ms`);
    const handle = await popup.waitForFunction(
      (seen: string[]) => {
        const s = document.querySelector('p[role=status]')?.getAttribute('data-status');
        if (s === 'done' || s === 'stopped' || s === 'failed') return 'end';
        const q = document.querySelector('[role=alertdialog][data-question-id]');
        const id = q?.getAttribute('data-question-id');
        return id && !seen.includes(id) ? id : false;
      },
      { timeout: left, polling: 100 },
      [...answered],
    );
    const what = (await handle.jsonValue()) as string;
    if (what === 'end') return statusText(popup);
    answered.add(what);
    const choice = await popup.evaluate((id) => {
      const q = document.querySelector(`[role=alertdialog][data-question-id="${id}"]`);
      const buttons = [...(q?.querySelectorAll('button') ?? [])];
      const pick = buttons.find((b) => b.textContent === 'Always allow') ?? buttons[0];
      pick?.click();
      return `${q?.querySelector('h2')?.textContent ?? ''} → ${pick?.textContent ?? 'nothing'}`;
    }, what);
    asked.push(choice);
  }
}

/** The run ended with the model's answer, and the app page never had focus while it ran. */
export function assertRanUnfocused(run: AppRun, answer = 'Done.'): void {
  assert.equal(run.status, `Done: ${answer}`, `status; transcript: ${run.transcript.join(' | ')}`);
  assert.ok(run.focusSeen.length > 0);
  assert.deepEqual(
    run.focusSeen.filter(Boolean),
    [],
    'the app page had no focus while the popup was open',
  );
}

/** Waits for a condition in the page (the app's own state), with a clear failure. */
export async function waitForApp<T>(
  page: Page,
  what: string,
  fn: () => T,
  timeout = 10_000,
): Promise<void> {
  await page.waitForFunction(fn, { timeout, polling: 100 }).catch((e: unknown) => {
    throw new Error(`the app never reached: ${what} (${String(e)})`);
  });
}

export const click = (coordinate: [number, number]): ToolInput => ({
  action: 'left_click',
  coordinate,
});
export const doubleClick = (coordinate: [number, number]): ToolInput => ({
  action: 'double_click',
  coordinate,
});
export const type = (text: string): ToolInput => ({ action: 'type', text });
export const key = (text: string): ToolInput => ({ action: 'key', text });
export const drag = (from: [number, number], to: [number, number]): ToolInput => ({
  action: 'left_click_drag',
  start_coordinate: from,
  coordinate: to,
});
