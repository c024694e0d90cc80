/** Settings: API key (masked), API base URL, model, max steps. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { modelProfiles } from '../extension/models.ts';
import { defaultBaseUrl, maxStepsRange, type SettingsView } from '../extension/settings.ts';
import { call } from './connector.ts';

function Options() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(defaultBaseUrl);
  const [model, setModel] = useState('');
  const [maxSteps, setMaxSteps] = useState('50');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const show = (v: SettingsView): void => {
    setView(v);
    setBaseUrl(v.baseUrl);
    setModel(v.model);
    setMaxSteps(String(v.maxSteps));
  };

  useEffect(() => {
    call('getSettings', {}).then(show, (e: unknown) => setMessage({ ok: false, text: String(e) }));
  }, []);

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setMessage(null);
    try {
      const saved = await call('saveSettings', {
        ...(apiKey ? { apiKey } : {}),
        baseUrl,
        model,
        maxSteps: Number(maxSteps),
      });
      show(saved);
      setApiKey('');
      setMessage({ ok: true, text: 'Saved.' });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };

  const models = modelProfiles.some((m) => m.id === model)
    ? modelProfiles
    : [...modelProfiles, { id: model, label: `${model} (custom)` }];

  return (
    <main>
      <h1>tabpilot settings</h1>
      <form onSubmit={(e) => void save(e)} data-loaded={view ? 'true' : undefined}>
        {/* Nothing can be typed until the stored settings are shown, so nothing typed is overwritten. */}
        <fieldset class="fields" disabled={!view}>
          <div class="field">
            <label for="api-key">API key</label>
            <input
              id="api-key"
              type="password"
              autocomplete="off"
              spellcheck={false}
              value={apiKey}
              aria-describedby="api-key-hint"
              placeholder={
                view?.hasApiKey ? `Saved: ${view.apiKeyMasked} (type to replace)` : 'sk-ant-…'
              }
              onInput={(e) => setApiKey(e.currentTarget.value)}
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
              value={baseUrl}
              aria-describedby="base-url-hint"
              onInput={(e) => setBaseUrl(e.currentTarget.value)}
            />
            <span class="hint" id="base-url-hint">
              Change it only for a gateway or proxy. Default: {defaultBaseUrl}
            </span>
          </div>
          <div class="field">
            <label for="model">Model</label>
            <select id="model" value={model} onChange={(e) => setModel(e.currentTarget.value)}>
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
              value={maxSteps}
              onInput={(e) => setMaxSteps(e.currentTarget.value)}
            />
          </div>
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
        </fieldset>
      </form>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Options />, root);
