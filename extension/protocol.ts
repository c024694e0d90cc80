import type { ActionReport, PageAction } from './actions.ts';
import type { Size } from './geometry.ts';
import type { RunView } from './run.ts';
import type { SettingsInput, SettingsView } from './settings.ts';

// Type aliases, not interfaces: the messaging helpers need their implicit index signature.

/**
 * What the extension's own pages (popup, side panel, options) may ask the
 * background. The background accepts these only from extension pages.
 */
export type BackgroundApi = {
  startRun(request: { tabId: number; task: string }): RunView;
  stopRun(request: { runId: string }): RunView;
  /** The run shown for a tab: the active one, else the latest for the tab, else null. */
  runForTab(request: { tabId: number }): RunView | null;
  getSettings(request: Record<string, never>): SettingsView;
  saveSettings(request: SettingsInput): SettingsView;
};

/** Measured state of a frame's viewport, reported by the content script. */
export interface ViewportMetrics {
  /** window.innerWidth/innerHeight, CSS pixels. */
  readonly viewport: Size;
  readonly devicePixelRatio: number;
  readonly scroll: { readonly x: number; readonly y: number };
  readonly url: string;
  readonly title: string;
}

/** What the background may ask the content script in a frame. */
export type ContentApi = {
  ping(request: Record<string, never>): { readonly version: string };
  measure(request: Record<string, never>): ViewportMetrics;
  perform(request: { action: PageAction<'viewport'> }): ActionReport;
  /** Releases every key and button the engine holds. */
  release(request: Record<string, never>): void;
};
