/** Drives the loaded extension the way a user does: its settings page and its popup. */
import type { Page } from 'puppeteer-core';
import { extensionWorker, type Launched } from './browser.ts';

export interface SettingsForm {
  apiKey?: string;
  baseUrl?: string;
  model?: string;
  maxSteps?: number;
  /** The visible label of a "Permission mode" choice. */
  permissionMode?: 'Ask before acting' | 'Act without asking';
}

/** Fills the settings page by its fields' accessible names and presses Save. */
export async function configure(l: Launched, form: SettingsForm): Promise<void> {
  const page = await l.browser.newPage();
  try {
    await page.goto(`chrome-extension://${l.extensionId}/options.html`);
    await page.waitForSelector('form[data-loaded=true]');
    if (form.apiKey !== undefined) await replaceText(page, 'API key', form.apiKey);
    if (form.baseUrl !== undefined) await replaceText(page, 'API base URL', form.baseUrl);
    if (form.model !== undefined) await page.select('#model', form.model);
    if (form.permissionMode !== undefined)
      await selectByLabel(page, 'Permission mode', form.permissionMode);
    if (form.maxSteps !== undefined) await replaceText(page, 'Max steps', String(form.maxSteps));
    await page.locator('::-p-aria(Save)').click();
    await page.waitForFunction(
      () => document.querySelector('[role=status]')?.textContent === 'Saved.',
      {
        timeout: 5000,
      },
    );
  } finally {
    await page.close();
  }
}

/** Picks the option with this text in the select with this accessible name. */
async function selectByLabel(page: Page, name: string, optionText: string): Promise<void> {
  const select = await page.locator(`::-p-aria(${name})`).waitHandle();
  const value = await select.evaluate((el, text) => {
    const option = [...(el as HTMLSelectElement).options].find((o) => o.text === text);
    if (!option) throw new Error(`no option "${text}"`);
    return option.value;
  }, optionText);
  await select.select(value);
}

async function replaceText(page: Page, name: string, value: string): Promise<void> {
  const field = await page.locator(`::-p-aria(${name})`).waitHandle();
  await field.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await field.type(value);
}

/** Opens the popup on the active tab with chrome.action.openPopup() and returns its page. */
export async function openPopup(l: Launched): Promise<Page> {
  const worker = await extensionWorker(l);
  await worker.evaluate(() => chrome.action.openPopup());
  const target = await l.browser.waitForTarget(
    (t) => t.url() === `chrome-extension://${l.extensionId}/popup.html`,
    { timeout: 5000 },
  );
  const page = await target.asPage();
  await page.locator('::-p-aria(Run)').wait();
  return page;
}

/** Types a task in the popup, presses Run, and waits until the new run shows (or an error does). */
export async function runTask(popup: Page, task: string): Promise<void> {
  const previous = await popup.$eval('p[role=status]', (e) => e.getAttribute('data-run-id') ?? '');
  await popup.locator('::-p-aria(Task)').fill(task);
  await popup.locator('::-p-aria(Run)').click();
  await popup.waitForFunction(
    (prev) =>
      (document.querySelector('p[role=status]')?.getAttribute('data-run-id') ?? '') !== prev ||
      document.querySelector('[role=alert]') !== null,
    {},
    previous,
  );
}

export async function statusText(popup: Page): Promise<string> {
  return popup.$eval('p[role=status]', (el) => el.textContent ?? '');
}

/** Waits until the popup's status leaves "running" and returns it. */
export async function waitForEnd(popup: Page, timeout = 30_000): Promise<string> {
  await popup.waitForFunction(
    () => {
      const s = document.querySelector('p[role=status]')?.getAttribute('data-status');
      return s === 'done' || s === 'stopped' || s === 'failed';
    },
    { timeout },
  );
  return statusText(popup);
}

export async function transcript(popup: Page): Promise<string[]> {
  return popup.$$eval('[role=log] .entry', (els) => els.map((e) => e.textContent ?? ''));
}

/** The id of the tab showing `url`, from the extension's side. */
export async function tabIdOf(l: Launched, url: string): Promise<number> {
  const worker = await extensionWorker(l);
  const id = await worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

export async function setZoom(l: Launched, tabId: number, factor: number): Promise<void> {
  const worker = await extensionWorker(l);
  await worker.evaluate((id, f) => chrome.tabs.setZoom(id, f), tabId, factor);
}
