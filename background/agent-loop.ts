/**
 * The agent loop: ask the model, carry out its computer-tool calls, answer with
 * tool results and a fresh screenshot, until it answers without a tool call or a
 * limit is hit. Everything it touches is injected, so unit tests drive it with a
 * scripted model and a fake computer. The tool's definition is in computer-tool.ts,
 * the blocks that answer its calls in tool-results.ts.
 */
import type {
  BetaContentBlockParam,
  BetaMessage,
  BetaMessageParam,
  BetaTextBlockParam,
  BetaToolResultBlockParam,
  BetaToolUseBlock,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import type { ModelPoint, Size } from '../extension/geometry.ts';
import type { Usage } from '../extension/run.ts';
import type { ModelClient } from './model-client.ts';
import { parseToolInput, type ToolPlan } from './tool-input.ts';
import { computerTool, describeToolUse } from './computer-tool.ts';
import {
  errorResult,
  imageBlock,
  lastErrorText,
  toolResult,
  type EncodedImage,
} from './tool-results.ts';
import { ModelOutputError, StoppedError } from './errors.ts';

export interface ScreenImage extends EncodedImage {
  /** Model-image pixels. */
  readonly size: Size;
}

/** What one tool call produced. */
export interface ComputerOutcome {
  /** Text for Claude (what was hit, what the page said). */
  readonly text?: string;
  /** A screenshot after the call, when the call changes or shows the screen. */
  readonly image?: ScreenImage;
  /** For the transcript: where the action landed, model and viewport CSS pixels. */
  readonly point?: { readonly model: ModelPoint; readonly css: { x: number; y: number } };
}

/** The tab, as the loop sees it. */
export interface Computer {
  screenshot(): Promise<ScreenImage>;
  /**
   * Carries out one tool call. With `screenshot`, the outcome should carry the
   * screenshot after it (the computer may take it in the same breath as it
   * lets the page settle); a missing one is taken with `screenshot()`.
   */
  run(
    plan: ToolPlan,
    signal: AbortSignal,
    options?: { readonly screenshot?: boolean },
  ): Promise<ComputerOutcome>;
  /** The pointer, model-image pixels. */
  readonly cursor: ModelPoint;
}

export interface LoopEvents {
  /** Claude's text of one turn as it streams in. */
  assistantText(step: number, textSoFar: string): void;
  /** An action begins (shown at once: a wait or a held key may take long). */
  actionStarted(id: string, summary: string): void;
  /** An action ended, or was refused; `id` is its tool_use id. */
  action(id: string, summary: string, outcome: ComputerOutcome | undefined, isError: boolean): void;
  turn(step: number, usage: Usage): void;
  /** Something the user should know that is not a step (the API is busy, a retry). */
  notice(text: string): void;
}

export interface LoopLimits {
  readonly maxSteps: number;
  /** Tool errors in a row (bad coordinates, unknown keys) before the run fails. */
  readonly maxConsecutiveErrors: number;
}

export type LoopOutcome =
  | { readonly status: 'done'; readonly answer: string; readonly steps: number }
  | { readonly status: 'failed'; readonly reason: string; readonly steps: number };

export interface LoopInput {
  readonly task: string;
  readonly system: string | BetaTextBlockParam[];
  readonly model: ModelClient;
  readonly computer: Computer;
  readonly limits: LoopLimits;
  readonly events: LoopEvents;
  readonly signal: AbortSignal;
  /** Where a resumed run picks up; a new run starts from its task. */
  readonly resume?: LoopState;
  /** Stores the state; called before and after every action and after every model turn. */
  readonly checkpoint?: (state: LoopState) => Promise<void>;
  /** Shapes the history into the request (cache breakpoints, pruned screenshots). */
  readonly prepare?: (messages: readonly BetaMessageParam[]) => BetaMessageParam[];
  /** Asked before each action is carried out; a refusal goes back to Claude as an error. */
  readonly guard?: (plan: ToolPlan, use: BetaToolUseBlock) => Promise<GuardVerdict>;
  /**
   * Called before each model call (it may wait, e.g. while the run is paused).
   * A returned note is told to Claude with a fresh screenshot.
   */
  readonly beforeModelCall?: () => Promise<string | undefined>;
}

export type GuardVerdict =
  { readonly allow: true } | { readonly allow: false; readonly reason: string };

/**
 * Everything needed to carry a run on after the service worker was stopped.
 * The conversation alternates user/assistant; when it ends on an assistant
 * turn with tool calls, `results` holds the answers given so far and
 * `acting` the call that was being carried out when the state was stored.
 */
export interface LoopState {
  readonly messages: readonly BetaMessageParam[];
  /** Model turns taken. */
  readonly step: number;
  readonly consecutiveErrors: number;
  readonly usage: Usage;
  /** Size of the screenshot Claude last saw, model pixels (the tool's display size). */
  readonly screen: Size;
  readonly results: readonly BetaToolResultBlockParam[];
  readonly acting?: string;
}

/** Told to Claude for an action cut off by a restart: it may have happened, so it is not repeated. */
export const interruptedActionText =
  'tabpilot was restarted while carrying out this action, so it may or may not have taken effect. ' +
  'It was not repeated. Look at the screenshot before going on.';

export async function runAgentLoop(input: LoopInput): Promise<LoopOutcome> {
  const { model, computer, limits, events, signal } = input;
  const profile = model.profile;
  const checkpoint = input.checkpoint ?? (async () => undefined);
  const prepare = input.prepare ?? ((m: readonly BetaMessageParam[]) => [...m]);

  let state: LoopState;
  if (input.resume) {
    state = input.resume;
  } else {
    const first = await computer.screenshot();
    state = {
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: `<task>\n${input.task}\n</task>` }, imageBlock(first)],
        },
      ],
      step: 0,
      consecutiveErrors: 0,
      usage: {
        inputTokens: 0,
        outputTokens: 0,
        cacheCreationInputTokens: 0,
        cacheReadInputTokens: 0,
      },
      screen: first.size,
      results: [],
    };
    await checkpoint(state);
  }

  for (;;) {
    if (signal.aborted) throw new StoppedError();
    const last = state.messages.at(-1);
    if (last?.role === 'assistant') {
      // Carry out the tool calls of the last turn that have no result yet.
      const uses = toolUsesOf(last);
      for (const [i, use] of uses.entries()) {
        if (state.results.some((r) => r.tool_use_id === use.id)) continue;
        if (signal.aborted) throw new StoppedError();
        const isLast = i === uses.length - 1;
        let result: ToolCallResult;
        if (state.acting === use.id) {
          const image = await computer.screenshot();
          result = {
            block: toolResult(use.id, interruptedActionText, image),
            isError: false,
            image,
          };
          events.action(
            use.id,
            `${describeToolUse(use)} (interrupted by a restart)`,
            { text: interruptedActionText },
            false,
          );
        } else {
          result = await runToolUse(use, isLast, state.screen, async () => {
            state = { ...state, acting: use.id };
            await checkpoint(state);
          });
        }
        state = {
          ...state,
          acting: undefined,
          results: [...state.results, result.block],
          consecutiveErrors: result.isError ? state.consecutiveErrors + 1 : 0,
          screen: result.image && result.kind !== 'zoom' ? result.image.size : state.screen,
        };
        await checkpoint(state);
      }
      state = {
        ...state,
        messages: [...state.messages, { role: 'user', content: [...state.results] }],
        results: [],
      };
      await checkpoint(state);
      if (state.consecutiveErrors >= limits.maxConsecutiveErrors) {
        return {
          status: 'failed',
          reason: `Claude’s last ${state.consecutiveErrors} actions were all invalid; the last error: ${lastErrorText(state.messages)}`,
          steps: state.step,
        };
      }
      continue;
    }

    // The conversation ends on a user turn: ask the model.
    if (state.step >= limits.maxSteps) {
      return {
        status: 'failed',
        reason: `Reached the limit of ${limits.maxSteps} steps`,
        steps: state.step,
      };
    }
    const note = await input.beforeModelCall?.();
    if (note) state = await withNote(state, note);
    const step = state.step + 1;
    let streamed = '';
    const reply: BetaMessage = await model.next(
      {
        system: input.system,
        messages: prepare(state.messages),
        tools: [computerTool(profile.toolType, state.screen, profile.zoom)],
      },
      {
        signal,
        onText: (delta) => {
          streamed += delta;
          events.assistantText(step, streamed);
        },
        onRetry: ({ reason, delayMs, attempt }) => {
          streamed = '';
          events.notice(
            `The API call failed (${reason}); trying again in ${(delayMs / 1000).toFixed(1)} s (retry ${attempt}).`,
          );
        },
      },
    );
    const replyText = textOf(reply);
    // The final text, whether or not it streamed piece by piece.
    if (replyText && replyText !== streamed) events.assistantText(step, replyText);
    const uses = reply.content.filter((b): b is BetaToolUseBlock => b.type === 'tool_use');
    if (uses.length === 0 && reply.stop_reason === 'max_tokens') {
      throw new ModelOutputError('Claude’s answer was cut off at the output token limit');
    }
    state = {
      ...state,
      step,
      usage: addUsage(state.usage, reply.usage),
      messages: [
        ...state.messages,
        { role: 'assistant', content: reply.content as BetaContentBlockParam[] },
      ],
      results: [],
    };
    await checkpoint(state);
    events.turn(step, state.usage);
    if (uses.length === 0) {
      return { status: 'done', answer: replyText.trim() || '(no answer text)', steps: step };
    }
  }

  /** Adds a note and a fresh screenshot to the user turn that ends the conversation. */
  async function withNote(current: LoopState, text: string): Promise<LoopState> {
    const last = current.messages.at(-1);
    if (!last || last.role !== 'user') return current;
    const image = await computer.screenshot();
    const content: BetaContentBlockParam[] = Array.isArray(last.content)
      ? [...(last.content as BetaContentBlockParam[])]
      : [{ type: 'text', text: last.content }];
    content.push({ type: 'text', text }, imageBlock(image));
    const next: LoopState = {
      ...current,
      messages: [...current.messages.slice(0, -1), { role: 'user', content }],
      screen: image.size,
    };
    await checkpoint(next);
    return next;
  }

  async function runToolUse(
    use: BetaToolUseBlock,
    isLast: boolean,
    screen: Size,
    markActing: () => Promise<void>,
  ): Promise<ToolCallResult> {
    const summary = describeToolUse(use);
    if (use.name !== 'computer') {
      const text = `Unknown tool "${use.name}": the only tool is "computer".`;
      events.action(use.id, summary, { text }, true);
      return { block: errorResult(use.id, text), isError: true };
    }
    const parsed = parseToolInput(use.input, {
      toolType: profile.toolType,
      zoom: profile.zoom,
      image: screen,
      cursor: computer.cursor,
    });
    if (!parsed.ok) {
      events.action(use.id, summary, { text: parsed.error }, true);
      return { block: errorResult(use.id, parsed.error), isError: true };
    }
    if (input.guard) {
      const verdict = await input.guard(parsed.plan, use);
      if (!verdict.allow) {
        events.action(use.id, summary, { text: verdict.reason }, true);
        // A refusal is the user's answer, not Claude's mistake: it does not count towards the error limit.
        return { block: errorResult(use.id, verdict.reason), isError: false };
      }
    }
    await markActing();
    events.actionStarted(use.id, summary);
    // Every call that may change the screen ends with a screenshot; when Claude
    // sent several calls at once only the last needs one.
    const screenshot = isLast && changesScreen(parsed.plan);
    const outcome = await computer.run(parsed.plan, signal, { screenshot });
    let image = outcome.image;
    if (!image && screenshot) image = await computer.screenshot();
    events.action(use.id, summary, outcome, false);
    return {
      block: toolResult(use.id, outcome.text, image),
      isError: false,
      image,
      kind: parsed.plan.kind,
    };
  }
}

interface ToolCallResult {
  readonly block: BetaToolResultBlockParam;
  readonly isError: boolean;
  readonly image?: ScreenImage;
  readonly kind?: ToolPlan['kind'];
}

function toolUsesOf(message: BetaMessageParam): BetaToolUseBlock[] {
  if (!Array.isArray(message.content)) return [];
  return (message.content as readonly { type: string }[]).filter(
    (b): b is BetaToolUseBlock => b.type === 'tool_use',
  );
}

function changesScreen(plan: ToolPlan): boolean {
  return plan.kind !== 'cursor_position';
}

function textOf(message: BetaMessage): string {
  return message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
}

function addUsage(total: Usage, u: BetaMessage['usage']): Usage {
  return {
    inputTokens: total.inputTokens + (u.input_tokens ?? 0),
    outputTokens: total.outputTokens + (u.output_tokens ?? 0),
    cacheCreationInputTokens: total.cacheCreationInputTokens + (u.cache_creation_input_tokens ?? 0),
    cacheReadInputTokens: total.cacheReadInputTokens + (u.cache_read_input_tokens ?? 0),
  };
}
