/**
 * Settings: API key (masked), API base URL, model, limits, permission mode,
 * allowed and blocked sites, and screenshot masking.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { modelProfiles } from '../extension/models.ts';
import {
  defaultBaseUrl,
  maxCostRange,
  maxMinutesRange,
  maxStepsRange,
  type SettingsView,
} from '../extension/settings.ts';
import { blockCategories, type BlockCategory } from '../extension/blocklist-table.ts';
import { permissionModes, type PermissionMode } from '../extension/site-policy.ts';
import { call } from './connector.ts';

/** The form's editable fields, as typed (strings for numbers and lists). */
interface Form {
  apiKey: string;
  baseUrl: string;
  model: string;
  maxSteps: string;
  maxCostUsd: string;
  maxMinutes: string;
  permissionMode: PermissionMode;
  maskSensitiveFields: boolean;
  blocklist: Record<BlockCategory, string>;
}

const categories = Object.keys(blockCategories) as BlockCategory[];

function formOf(v: SettingsView): Form {
  return {
    apiKey: '',
    baseUrl: v.baseUrl,
    model: v.model,
    maxSteps: String(v.maxSteps),
    maxCostUsd: String(v.maxCostUsd),
    maxMinutes: String(v.maxMinutes),
    permissionMode: v.permissionMode,
    maskSensitiveFields: v.maskSensitiveFields,
    blocklist: Object.fromEntries(
      categories.map((c) => [c, (v.blocklist[c] ?? []).join('\n')]),
    ) as Record<BlockCategory, string>,
  };
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function Options() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const show = (v: SettingsView): void => {
    setView(v);
    setForm(formOf(v));
  };

  useEffect(() => {
    call('getSettings', {}).then(show, (e: unknown) => setMessage({ ok: false, text: String(e) }));
  }, []);

  const set = <K extends keyof Form>(key: K, value: Form[K]): void =>
    setForm((f) => (f ? { ...f, [key]: value } : f));

  const persist = async (input: Parameters<typeof call<'saveSettings'>>[1]): Promise<void> => {
    setMessage(null);
    try {
      show(await call('saveSettings', input));
      setMessage({ ok: true, text: 'Saved.' });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };

  const save = (event: Event): void => {
    event.preventDefault();
    if (!form) return;
    void persist({
      ...(form.apiKey ? { apiKey: form.apiKey } : {}),
      baseUrl: form.baseUrl,
      model: form.model,
      maxSteps: Number(form.maxSteps),
      maxCostUsd: Number(form.maxCostUsd),
      maxMinutes: Number(form.maxMinutes),
      permissionMode: form.permissionMode,
      maskSensitiveFields: form.maskSensitiveFields,
      blocklist: Object.fromEntries(categories.map((c) => [c, lines(form.blocklist[c])])),
    });
  };

  const model = form?.model ?? '';
  const models = modelProfiles.some((m) => m.id === model)
    ? modelProfiles
    : [...modelProfiles, { id: model, label: `${model} (custom)` }];

  return (
    <main>
      <h1>tabpilot settings</h1>
      <form onSubmit={save} data-loaded={view ? 'true' : undefined}>
        {/* Nothing can be typed until the stored settings are shown, so nothing typed is overwritten. */}
        <fieldset class="fields" disabled={!form}>
          <div class="field">
            <label for="api-key">API key</label>
            <input
              id="api-key"
              type="password"
              autocomplete="off"
              spellcheck={false}
              value={form?.apiKey ?? ''}
              aria-describedby="api-key-hint"
              placeholder={
                view?.hasApiKey ? `Saved: ${view.apiKeyMasked} (type to replace)` : 'sk-ant-…'
              }
              onInput={(e) => set('apiKey', e.currentTarget.value)}
            />
            <span class="hint" id="api-key-hint">
              {view?.hasApiKey ? `Current key: ${view.apiKeyMasked}. ` : 'No key saved yet. '}
              Kept in this browser’s extension storage and sent only to the API below.
            </span>
          </div>
          <div class="field">
            <label for="base-url">API base URL</label>
            <input
              id="base-url"
              type="url"
              value={form?.baseUrl ?? ''}
              aria-describedby="base-url-hint"
              onInput={(e) => set('baseUrl', e.currentTarget.value)}
            />
            <span class="hint" id="base-url-hint">
              Change it only for a gateway or proxy. Default: {defaultBaseUrl}
            </span>
          </div>
          <div class="field">
            <label for="model">Model</label>
            <select id="model" value={model} onChange={(e) => set('model', e.currentTarget.value)}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="max-steps">Max steps</label>
            <input
              id="max-steps"
              type="number"
              min={maxStepsRange.min}
              max={maxStepsRange.max}
              value={form?.maxSteps ?? ''}
              onInput={(e) => set('maxSteps', e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="max-cost">Cost limit (USD)</label>
            <input
              id="max-cost"
              type="number"
              step="0.01"
              min={maxCostRange.min}
              max={maxCostRange.max}
              value={form?.maxCostUsd ?? ''}
              onInput={(e) => set('maxCostUsd', e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="max-minutes">Max minutes</label>
            <input
              id="max-minutes"
              type="number"
              min={maxMinutesRange.min}
              max={maxMinutesRange.max}
              value={form?.maxMinutes ?? ''}
              onInput={(e) => set('maxMinutes', e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="permission-mode">Permission mode</label>
            <select
              id="permission-mode"
              value={form?.permissionMode ?? 'ask'}
              onChange={(e) => set('permissionMode', e.currentTarget.value as PermissionMode)}
            >
              {Object.entries(permissionModes).map(([mode, { label }]) => (
                <option key={mode} value={mode}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={form?.maskSensitiveFields ?? true}
              onChange={(e) => set('maskSensitiveFields', e.currentTarget.checked)}
            />
            Mask password and payment fields in screenshots
          </label>
          <div class="buttons">
            <button type="submit">Save</button>
          </div>
          {message ? (
            <p
              class={`status ${message.ok ? 'done' : 'failed'}`}
              role={message.ok ? 'status' : 'alert'}
            >
              {message.text}
            </p>
          ) : null}
          <section aria-labelledby="allowed-title">
            <h2 id="allowed-title">Allowed sites</h2>
            {view && view.allowedSites.length ? (
              <ul class="sites">
                {view.allowedSites.map((site) => (
                  <li key={site}>
                    {site}{' '}
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Remove ${site}`}
                      onClick={() =>
                        void persist({ allowedSites: view.allowedSites.filter((s) => s !== site) })
                      }
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="hint">None yet: sites you “Always allow” appear here.</p>
            )}
          </section>
          <details>
            <summary>Blocked sites</summary>
            <p class="hint">
              tabpilot never acts on these sites or their subdomains. One domain per line; *.gov
              style entries block a whole suffix. Save to apply.
            </p>
            {categories.map((c) => (
              <div class="field" key={c}>
                <label for={`block-${c}`}>{blockCategories[c].label}</label>
                <textarea
                  id={`block-${c}`}
                  rows={4}
                  value={form?.blocklist[c] ?? ''}
                  onInput={(e) =>
                    setForm((f) =>
                      f ? { ...f, blocklist: { ...f.blocklist, [c]: e.currentTarget.value } } : f,
                    )
                  }
                />
              </div>
            ))}
          </details>
        </fieldset>
      </form>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Options />, root);
