import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  applySettingsInput,
  defaultSettings,
  maskKey,
  settingsView,
} from '../../extension/settings.ts';
import { modelProfile } from '../../extension/models.ts';

test('valid input is normalised', () => {
  const s = applySettingsInput(defaultSettings, {
    apiKey: '  sk-ant-abc123456789xyz ',
    baseUrl: 'http://127.0.0.1:8080/',
    model: 'claude-sonnet-4-5',
    maxSteps: '30',
  });
  assert.deepEqual(s, {
    ...defaultSettings,
    apiKey: 'sk-ant-abc123456789xyz',
    baseUrl: 'http://127.0.0.1:8080',
    model: 'claude-sonnet-4-5',
    maxSteps: 30,
  });
});

test('an absent key keeps the stored one', () => {
  const current = { ...defaultSettings, apiKey: 'sk-ant-keep' };
  const s = applySettingsInput(current, {
    baseUrl: defaultSettings.baseUrl,
    model: 'm',
    maxSteps: 5,
  });
  assert.equal(s.apiKey, 'sk-ant-keep');
});

test('each bad field is named', () => {
  const base = { baseUrl: 'https://api.anthropic.com', model: 'claude-sonnet-4-5', maxSteps: 10 };
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, baseUrl: 'not a url' }),
    /API base URL/,
  );
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, baseUrl: 'ftp://x' }),
    /https:\/\//,
  );
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, model: 'bad model!' }),
    /Model/,
  );
  assert.throws(() => applySettingsInput(defaultSettings, { ...base, maxSteps: 0 }), /Max steps/);
  assert.throws(() => applySettingsInput(defaultSettings, { ...base, maxSteps: 2.5 }), /Max steps/);
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, apiKey: 'two words' }),
    /API key/,
  );
  assert.throws(() => applySettingsInput(defaultSettings, null), /object/);
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, maxCostUsd: 0 }),
    /Cost limit/,
  );
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, maxMinutes: 0 }),
    /Max minutes/,
  );
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, permissionMode: 'yolo' }),
    /Permission mode/,
  );
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, allowedSites: ['not a domain!'] }),
    /Allowed sites: not a domain/,
  );
  assert.throws(
    () => applySettingsInput(defaultSettings, { ...base, blocklist: { pets: ['a.com'] } }),
    /Unknown blocklist category: pets/,
  );
});

test('the key is only ever shown masked', () => {
  const view = settingsView({ ...defaultSettings, apiKey: 'sk-ant-api03-secretsecretsecret-WXYZ' });
  assert.equal(view.apiKeyMasked, 'sk-ant-…WXYZ');
  assert.equal(JSON.stringify(view).includes('secret'), false);
  assert.equal(maskKey(''), '');
  assert.equal(maskKey('short'), '•••••');
});

test('defaults: ask before acting, masking on, a blocklist', () => {
  assert.equal(defaultSettings.permissionMode, 'ask');
  assert.equal(defaultSettings.maskSensitiveFields, true);
  assert.ok((defaultSettings.blocklist.banking ?? []).length > 0);
});

test('the default model is a known computer-use model', () => {
  assert.equal(modelProfile(defaultSettings.model).id, defaultSettings.model);
});
