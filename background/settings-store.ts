/** Settings in `storage.local`; only the background reads the key. */
import browser from 'webextension-polyfill';
import { applySettingsInput, defaultSettings, type Settings } from '../extension/settings.ts';

const key = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(key))[key];
  if (!stored) return defaultSettings;
  try {
    return applySettingsInput(defaultSettings, stored);
  } catch {
    // Storage written by an older version or edited by hand: keep what still checks out.
    return {
      ...defaultSettings,
      apiKey: typeof (stored as Settings).apiKey === 'string' ? (stored as Settings).apiKey : '',
    };
  }
}

export async function saveSettings(input: unknown): Promise<Settings> {
  const next = applySettingsInput(await loadSettings(), input);
  await browser.storage.local.set({ [key]: next });
  return next;
}
