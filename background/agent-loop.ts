/**
 * The agent loop: ask the model, carry out its computer-tool calls, answer with
 * tool results and a fresh screenshot, until it answers without a tool call or a
 * limit is hit. Everything it touches is injected, so unit tests drive it with a
 * scripted model and a fake computer.
 */
import type {
  BetaContentBlockParam,
  BetaMessage,
  BetaMessageParam,
  BetaToolResultBlockParam,
  BetaToolUnion,
  BetaToolUseBlock,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import type { ModelPoint, Size } from '../extension/geometry.ts';
import type { Usage } from '../extension/run.ts';
import type { ModelClient } from './model-client.ts';
import { parseToolInput, type ToolPlan } from './tool-input.ts';
import { ModelOutputError, StoppedError } from './errors.ts';

export interface ScreenImage {
  readonly base64: string;
  readonly mediaType: 'image/png' | 'image/jpeg';
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
  run(plan: ToolPlan, signal: AbortSignal): Promise<ComputerOutcome>;
  /** The pointer, model-image pixels. */
  readonly cursor: ModelPoint;
}

export interface LoopEvents {
  /** Claude's text of one turn as it streams in. */
  assistantText(step: number, textSoFar: string): void;
  action(summary: string, outcome: ComputerOutcome | undefined, isError: boolean): void;
  turn(step: number, usage: Usage): void;
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
  readonly system: string;
  readonly model: ModelClient;
  readonly computer: Computer;
  readonly limits: LoopLimits;
  readonly events: LoopEvents;
  readonly signal: AbortSignal;
}

export async function runAgentLoop(input: LoopInput): Promise<LoopOutcome> {
  const { model, computer, limits, events, signal } = input;
  const profile = model.profile;
  let screen = await computer.screenshot();
  const tools = (): BetaToolUnion[] => [computerTool(profile.toolType, screen.size, profile.zoom)];
  const messages: BetaMessageParam[] = [
    {
      role: 'user',
      content: [{ type: 'text', text: `<task>\n${input.task}\n</task>` }, imageBlock(screen)],
    },
  ];
  let consecutiveErrors = 0;
  let usage = {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationInputTokens: 0,
    cacheReadInputTokens: 0,
  };

  for (let step = 1; ; step++) {
    if (signal.aborted) throw new StoppedError();
    if (step > limits.maxSteps) {
      return {
        status: 'failed',
        reason: `Reached the limit of ${limits.maxSteps} steps`,
        steps: step - 1,
      };
    }
    let streamed = '';
    const reply: BetaMessage = await model.next(
      { system: input.system, messages, tools: tools() },
      {
        signal,
        onText: (delta) => {
          streamed += delta;
          events.assistantText(step, streamed);
        },
      },
    );
    usage = addUsage(usage, reply.usage);
    events.turn(step, usage);
    const replyText = textOf(reply);
    // The final text, whether or not it streamed piece by piece.
    if (replyText && replyText !== streamed) events.assistantText(step, replyText);
    messages.push({ role: 'assistant', content: reply.content as BetaContentBlockParam[] });

    const toolUses = reply.content.filter((b): b is BetaToolUseBlock => b.type === 'tool_use');
    if (toolUses.length === 0) {
      if (reply.stop_reason === 'max_tokens') {
        throw new ModelOutputError('Claude’s answer was cut off at the output token limit');
      }
      return { status: 'done', answer: replyText.trim() || '(no answer text)', steps: step };
    }

    const results: BetaToolResultBlockParam[] = [];
    for (const [i, use] of toolUses.entries()) {
      if (signal.aborted) throw new StoppedError();
      const result = await runToolUse(use, i === toolUses.length - 1);
      results.push(result.block);
      if (result.isError) consecutiveErrors++;
      else consecutiveErrors = 0;
    }
    messages.push({ role: 'user', content: results });
    if (consecutiveErrors >= limits.maxConsecutiveErrors) {
      return {
        status: 'failed',
        reason: `Claude’s last ${consecutiveErrors} actions were all invalid; the last error: ${lastErrorText(results)}`,
        steps: step,
      };
    }
  }

  async function runToolUse(
    use: BetaToolUseBlock,
    last: boolean,
  ): Promise<{ block: BetaToolResultBlockParam; isError: boolean }> {
    const summary = describeToolUse(use);
    if (use.name !== 'computer') {
      const text = `Unknown tool "${use.name}": the only tool is "computer".`;
      events.action(summary, { text }, true);
      return { block: errorResult(use.id, text), isError: true };
    }
    const parsed = parseToolInput(use.input, {
      toolType: profile.toolType,
      zoom: profile.zoom,
      image: screen.size,
      cursor: computer.cursor,
    });
    if (!parsed.ok) {
      events.action(summary, { text: parsed.error }, true);
      return { block: errorResult(use.id, parsed.error), isError: true };
    }
    const outcome = await computer.run(parsed.plan, signal);
    // Every call that may change the screen ends with a screenshot; when Claude
    // sent several calls at once only the last needs one.
    let image = outcome.image;
    if (!image && last && changesScreen(parsed.plan)) image = await computer.screenshot();
    if (image && parsed.plan.kind !== 'zoom') screen = image;
    events.action(summary, outcome, false);
    const content: BetaToolResultBlockParam['content'] = [];
    if (outcome.text) content.push({ type: 'text', text: outcome.text });
    if (image) content.push(imageBlock(image));
    if (content.length === 0) content.push({ type: 'text', text: 'Done.' });
    return { block: { type: 'tool_result', tool_use_id: use.id, content }, isError: false };
  }
}

function changesScreen(plan: ToolPlan): boolean {
  return plan.kind !== 'cursor_position';
}

export function computerTool(
  toolType: 'computer_20251124' | 'computer_20250124',
  size: Size,
  zoom: boolean,
): BetaToolUnion {
  if (toolType === 'computer_20251124') {
    return {
      type: toolType,
      name: 'computer',
      display_width_px: size.width,
      display_height_px: size.height,
      ...(zoom ? { enable_zoom: true } : {}),
    };
  }
  return {
    type: toolType,
    name: 'computer',
    display_width_px: size.width,
    display_height_px: size.height,
  };
}

function imageBlock(image: ScreenImage): BetaContentBlockParam & { type: 'image' } {
  return {
    type: 'image',
    source: { type: 'base64', media_type: image.mediaType, data: image.base64 },
  };
}

function errorResult(id: string, text: string): BetaToolResultBlockParam {
  return {
    type: 'tool_result',
    tool_use_id: id,
    is_error: true,
    content: [{ type: 'text', text }],
  };
}

function lastErrorText(results: BetaToolResultBlockParam[]): string {
  const last = results.at(-1);
  const first = Array.isArray(last?.content) ? last.content[0] : undefined;
  return first && first.type === 'text' ? first.text : 'unknown';
}

/** `left_click (512, 300)` — for the transcript. */
export function describeToolUse(use: BetaToolUseBlock): string {
  const input = (typeof use.input === 'object' && use.input !== null ? use.input : {}) as Record<
    string,
    unknown
  >;
  const action = typeof input['action'] === 'string' ? input['action'] : use.name;
  const parts: string[] = [action];
  const coordinate = input['coordinate'];
  if (Array.isArray(coordinate)) parts.push(`(${coordinate.join(', ')})`);
  const text = input['text'];
  if (typeof text === 'string')
    parts.push(JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text));
  if (typeof input['scroll_direction'] === 'string') {
    parts.push(`${input['scroll_direction']} ${String(input['scroll_amount'] ?? '')}`.trim());
  }
  return parts.join(' ');
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
