import { defaultModelId } from './models.ts';

/** The user's settings, as stored in `storage.local` under `settings`. */
export interface Settings {
  /** Anthropic API key. Never leaves the background except in the API request. */
  readonly apiKey: string;
  /** Base URL of the Messages API, without `/v1/messages`. */
  readonly baseUrl: string;
  readonly model: string;
  /** Most model turns a run may take. */
  readonly maxSteps: number;
}

/** Settings as the UI sees them: the key only masked. */
export interface SettingsView extends Omit<Settings, 'apiKey'> {
  readonly apiKeyMasked: string;
  readonly hasApiKey: boolean;
}

export const defaultBaseUrl = 'https://api.anthropic.com';

export const defaultSettings: Settings = {
  apiKey: '',
  baseUrl: defaultBaseUrl,
  model: defaultModelId,
  maxSteps: 50,
};

export const maxStepsRange = { min: 1, max: 500 } as const;

export function maskKey(key: string): string {
  if (key.length === 0) return '';
  if (key.length <= 12) return '•'.repeat(key.length);
  return `${key.slice(0, 7)}…${key.slice(-4)}`;
}

export function settingsView(s: Settings): SettingsView {
  const { apiKey, ...rest } = s;
  return { ...rest, apiKeyMasked: maskKey(apiKey), hasApiKey: apiKey.length > 0 };
}

/** A change to settings from the UI; an absent `apiKey` keeps the stored key. */
export interface SettingsInput {
  readonly apiKey?: string;
  readonly baseUrl: string;
  readonly model: string;
  readonly maxSteps: number;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Checks input from the UI or from storage; throws SettingsError naming the bad field. */
export function applySettingsInput(current: Settings, input: unknown): Settings {
  if (typeof input !== 'object' || input === null)
    throw new SettingsError('Settings must be an object');
  const i = input as Record<string, unknown>;
  const apiKey = i['apiKey'] === undefined ? current.apiKey : i['apiKey'];
  if (typeof apiKey !== 'string' || /\s/.test(apiKey.trim()) || apiKey.length > 500) {
    throw new SettingsError('API key must be a single token without spaces');
  }
  const baseUrl = i['baseUrl'];
  if (typeof baseUrl !== 'string') throw new SettingsError('API base URL is required');
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new SettingsError(`API base URL is not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SettingsError('API base URL must start with https:// or http://');
  }
  const model = i['model'];
  if (typeof model !== 'string' || !/^[\w.:@-]{1,100}$/.test(model.trim())) {
    throw new SettingsError('Model must be a model name such as claude-sonnet-4-5');
  }
  const maxSteps = Number(i['maxSteps']);
  if (!Number.isInteger(maxSteps) || maxSteps < maxStepsRange.min || maxSteps > maxStepsRange.max) {
    throw new SettingsError(
      `Max steps must be a whole number from ${maxStepsRange.min} to ${maxStepsRange.max}`,
    );
  }
  return {
    apiKey: apiKey.trim(),
    baseUrl: url.href.replace(/\/+$/, ''),
    model: model.trim(),
    maxSteps,
  };
}
