import { defaultModelId } from './models.ts';
import { blockCategories, type BlockCategory } from './blocklist-table.ts';
import {
  defaultBlocklist,
  defaultPermissionMode,
  normalizeDomainEntry,
  permissionModes,
  type Blocklist,
  type PermissionMode,
} from './site-policy.ts';

/** The user's settings, as stored in `storage.local` under `settings`. */
export interface Settings {
  /** Anthropic API key. Never leaves the background except in the API request. */
  readonly apiKey: string;
  /** Base URL of the Messages API, without `/v1/messages`. */
  readonly baseUrl: string;
  readonly model: string;
  /** Most model turns a run may take. */
  readonly maxSteps: number;
  /** A run ends when its estimated cost reaches this many US dollars. */
  readonly maxCostUsd: number;
  /** A run ends after this many minutes. */
  readonly maxMinutes: number;
  readonly permissionMode: PermissionMode;
  /** Sites (`siteOf` keys) the user chose "Always allow" for. */
  readonly allowedSites: readonly string[];
  readonly blocklist: Blocklist;
  /** Paint over password and payment fields in screenshots before they leave the browser. */
  readonly maskSensitiveFields: boolean;
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
  maxCostUsd: 5,
  maxMinutes: 30,
  permissionMode: defaultPermissionMode,
  allowedSites: [],
  blocklist: defaultBlocklist(),
  maskSensitiveFields: true,
};

export const maxStepsRange = { min: 1, max: 500 } as const;
export const maxCostRange = { min: 0.01, max: 1000 } as const;
export const maxMinutesRange = { min: 1, max: 24 * 60 } as const;

export function maskKey(key: string): string {
  if (key.length === 0) return '';
  if (key.length <= 12) return '•'.repeat(key.length);
  return `${key.slice(0, 7)}…${key.slice(-4)}`;
}

export function settingsView(s: Settings): SettingsView {
  const { apiKey, ...rest } = s;
  return { ...rest, apiKeyMasked: maskKey(apiKey), hasApiKey: apiKey.length > 0 };
}

/** A change to settings from the UI: each absent field keeps its stored value. */
export type SettingsInput = { readonly [K in keyof Settings]?: Settings[K] };

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Checks input from the UI or from storage; throws SettingsError naming the bad field. */
export function applySettingsInput(current: Settings, input: unknown): Settings {
  if (typeof input !== 'object' || input === null) {
    throw new SettingsError('Settings must be an object');
  }
  const i = input as Record<string, unknown>;
  const pick = <K extends keyof Settings>(key: K): unknown =>
    i[key] === undefined ? current[key] : i[key];

  const apiKey = pick('apiKey');
  if (typeof apiKey !== 'string' || /\s/.test(apiKey.trim()) || apiKey.length > 500) {
    throw new SettingsError('API key must be a single token without spaces');
  }
  const baseUrl = pick('baseUrl');
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
  const model = pick('model');
  if (typeof model !== 'string' || !/^[\w.:@-]{1,100}$/.test(model.trim())) {
    throw new SettingsError('Model must be a model name such as claude-sonnet-4-5');
  }
  const maxSteps = Number(pick('maxSteps'));
  if (!Number.isInteger(maxSteps) || maxSteps < maxStepsRange.min || maxSteps > maxStepsRange.max) {
    throw new SettingsError(
      `Max steps must be a whole number from ${maxStepsRange.min} to ${maxStepsRange.max}`,
    );
  }
  const maxCostUsd = Number(pick('maxCostUsd'));
  if (
    !Number.isFinite(maxCostUsd) ||
    maxCostUsd < maxCostRange.min ||
    maxCostUsd > maxCostRange.max
  ) {
    throw new SettingsError(
      `Cost limit must be from ${maxCostRange.min} to ${maxCostRange.max} US dollars`,
    );
  }
  const maxMinutes = Number(pick('maxMinutes'));
  if (
    !Number.isInteger(maxMinutes) ||
    maxMinutes < maxMinutesRange.min ||
    maxMinutes > maxMinutesRange.max
  ) {
    throw new SettingsError(
      `Max minutes must be a whole number from ${maxMinutesRange.min} to ${maxMinutesRange.max}`,
    );
  }
  const permissionMode = pick('permissionMode');
  if (typeof permissionMode !== 'string' || !Object.hasOwn(permissionModes, permissionMode)) {
    throw new SettingsError('Permission mode must be “Ask before acting” or “Act without asking”');
  }
  const allowedSites = domainList(pick('allowedSites'), 'Allowed sites');
  const blocklistInput = pick('blocklist');
  if (typeof blocklistInput !== 'object' || blocklistInput === null) {
    throw new SettingsError('Blocked sites must be lists of domains by category');
  }
  const blocklist: Record<string, string[]> = {};
  for (const [category, domains] of Object.entries(blocklistInput)) {
    if (!Object.hasOwn(blockCategories, category)) {
      throw new SettingsError(`Unknown blocklist category: ${category}`);
    }
    blocklist[category] = domainList(domains, `Blocked sites (${category})`);
  }
  const mask = pick('maskSensitiveFields');
  if (typeof mask !== 'boolean') throw new SettingsError('Mask sensitive fields must be on or off');
  return {
    apiKey: apiKey.trim(),
    baseUrl: url.href.replace(/\/+$/, ''),
    model: model.trim(),
    maxSteps,
    maxCostUsd,
    maxMinutes,
    permissionMode: permissionMode as PermissionMode,
    allowedSites,
    blocklist: blocklist as Blocklist,
    maskSensitiveFields: mask,
  };
}

function domainList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new SettingsError(`${field} must be a list of domains`);
  const out: string[] = [];
  for (const entry of value) {
    const domain = typeof entry === 'string' ? normalizeDomainEntry(entry) : null;
    if (domain === null) throw new SettingsError(`${field}: not a domain: ${String(entry)}`);
    if (!out.includes(domain)) out.push(domain);
  }
  return out;
}

export type { BlockCategory };
