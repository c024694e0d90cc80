import type { ActionReport } from './actions.ts';
import type { EngineAction } from './engine-action.ts';
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

/**
 * What the background may ask the content script in any frame of the task's
 * tab (content/main.ts). Each frame acts in its own CSS pixels (`frame` space).
 */
export type FrameApi = {
  /** Carries out one action here, or names the iframe under its point (`kind: 'frame'`). */
  act(request: { action: EngineAction }): ActionReport;
  /** Releases every key and button the engine holds. */
  release(request: Record<string, never>): void;
  /**
   * The pointer or the focus went to another frame: this frame's hover ends
   * (boundary events out of what it hovered) and its window blurs.
   */
  leave(request: { pointer: boolean; focus: boolean }): void;
};

/**
 * What only the top frame is asked, on top of FrameApi: it sees the whole tab,
 * so it settles the page, keeps the journal, judges targets for risk checks
 * (reaching into same-origin iframes) and prepares screenshots.
 */
export type TopFrameApi = FrameApi & {
  /**
   * Waits until the page has calmed down after a step's actions (no DOM
   * mutations, navigation, pending fetch/XHR or running animations for
   * `quietMs`, or `maxMs` at most), then reads the journal. With `capture`, it
   * also prepares a screenshot (`prepareCapture`), so a step's end is one message.
   */
  settle(request: SettleOptions & { capture?: CaptureOptions }): Settled;
  /** What is under each probe, for risk checks before a step's actions. */
  riskTargets(request: { probes: readonly RiskProbe[] }): readonly (TargetInfo | null)[];
  /**
   * Measures the viewport, finds the fields to mask and reads the page's text,
   * and hides the in-page indicator until `indicator({visible: true})`: what the
   * background needs right before captureVisibleTab.
   */
  prepareCapture(request: CaptureOptions): CaptureView;
  /** Text of the page, visible and hidden, for the injection detector (when no capture just read it). */
  pageText(request: Record<string, never>): readonly PageTextFragment[];
  /** Shows or hides the in-page "tabpilot is controlling this tab" indicator. */
  indicator(request: { visible: boolean }): void;
};

export interface SettleOptions {
  readonly quietMs: number;
  readonly maxMs: number;
}

export interface CaptureOptions {
  /** Find password and payment fields to paint over. */
  readonly masks: boolean;
}

/** The page as a screenshot is about to show it. */
export interface CaptureView {
  readonly metrics: ViewportMetrics;
  /** Rectangles of password and payment fields, viewport CSS pixels (empty unless asked). */
  readonly masks: readonly Rect[];
  /** Text of the page, visible and hidden, for the injection detector. */
  readonly text: readonly PageTextFragment[];
}

export interface Settled {
  readonly settle: SettleReport;
  /** What happened on the page since the last read (cleared by reading). */
  readonly journal: readonly JournalEntry[];
  readonly capture?: CaptureView;
}

/**
 * A target to judge before acting: the element under a point (viewport CSS
 * pixels of the top frame) or the focused element.
 */
export type RiskProbe =
  { readonly kind: 'point'; readonly x: number; readonly y: number } | { readonly kind: 'focus' };

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
