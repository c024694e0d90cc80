import type { ActionReport } from './actions.ts';
import type { EngineAction } from './engine-action.ts';
import type { OnDemandName } from './on-demand.ts';
import type { Size } from './geometry.ts';
import type { RunView } from './run.ts';
import type { TargetInfo } from './risk.ts';
import type { SettingsInput, SettingsView } from './settings.ts';

// Type aliases, not interfaces: the messaging helpers need their implicit index signature.

/**
 * What the extension's own pages (popup, side panel, options) may ask the
 * background. The background accepts these only from extension pages.
 */
export type BackgroundApi = {
  startRun(request: { tabId: number; task: string }): RunView;
  stopRun(request: { runId: string }): RunView;
  /** From the in-page indicator's Stop button: stops the run of the tab the sender is framed in. */
  stopRunInThisTab(request: Record<string, never>): RunView | null;
  /** The run shown for a tab: the active one, else the latest for the tab, else null. */
  runForTab(request: { tabId: number }): RunView | null;
  getSettings(request: Record<string, never>): SettingsView;
  saveSettings(request: SettingsInput): SettingsView;
  pauseRun(request: { runId: string }): RunView;
  /** Carries a paused run on; Claude gets a fresh screenshot (and is told when the user took over). */
  resumeRun(request: { runId: string }): RunView;
  /** Pauses the run so the user can act on the page themselves. */
  takeOver(request: { runId: string }): RunView;
  /** The user's answer to the run's open question (`RunView.question`). */
  answer(request: { runId: string; questionId: string; choice: string }): RunView;
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

/** What the background may ask the content script in a frame: input and observation. */
export type ContentApi = ContentInputApi & ContentObserveApi;

/** The input engine's part of the content script. */
export type ContentInputApi = {
  ping(request: Record<string, never>): {
    readonly version: string;
    /** The on-demand parts this frame has loaded (extension/on-demand.ts). */
    readonly modules: readonly OnDemandName[];
  };
  measure(request: Record<string, never>): ViewportMetrics;
  perform(request: { action: EngineAction }): ActionReport;
  /** Releases every key and button the engine holds. */
  release(request: Record<string, never>): void;
  /**
   * The pointer or the focus went to another frame: this frame's hover ends
   * (boundary events out of what it hovered) and its window blurs.
   */
  leave(request: { pointer: boolean; focus: boolean }): void;
};

/** What the background may ask the content script's page observers. */
export type ContentObserveApi = {
  /**
   * Waits until the page has calmed down after an action: no DOM mutations,
   * navigation, pending fetch/XHR or running animations for `quietMs`, or
   * `maxMs` at most.
   */
  settle(request: { quietMs: number; maxMs: number }): SettleReport;
  /** Returns and clears what happened on the page since the last call. */
  journal(request: Record<string, never>): readonly JournalEntry[];
  // The rest are the top frame's part (content/top-module.ts); other frames refuse them.
  /** What is under a viewport point (the top frame's CSS pixels), for risk checks. */
  targetAt(request: { x: number; y: number }): TargetInfo | null;
  /** The focused element, for risk checks before typing or Enter. */
  focusedTarget(request: Record<string, never>): TargetInfo | null;
  /** Text of the page, visible and hidden, for the injection detector. */
  pageText(request: Record<string, never>): readonly PageTextFragment[];
  /** Rectangles of password and payment fields, viewport CSS pixels, to mask in screenshots. */
  sensitiveRects(request: Record<string, never>): readonly Rect[];
  /** Shows or hides the in-page "tabpilot is controlling this tab" indicator. */
  indicator(request: { visible: boolean }): void;
};

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SettleReport {
  readonly waitedMs: number;
  /** `quiet`: the page calmed down; `cap`: still busy at maxMs. */
  readonly reason: 'quiet' | 'cap';
}

/** Something that happened on the page that a screenshot may have missed. */
export interface JournalEntry {
  /** ms since epoch. */
  readonly at: number;
  readonly kind:
    'toast' | 'alert' | 'live' | 'dialog' | 'navigation' | 'download' | 'tab' | 'other';
  readonly text: string;
}

export interface PageTextFragment {
  readonly text: string;
  /** How the text is hidden from people, if it is. */
  readonly hidden?: 'tiny' | 'transparent' | 'offscreen' | 'alt' | 'aria' | null;
  /** Where it came from, for the user (`p`, `img[alt]`, `journal`). */
  readonly source?: string;
}
