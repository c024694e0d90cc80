import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  BetaMessage,
  BetaMessageParam,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import {
  interruptedActionText,
  runAgentLoop,
  type Computer,
  type LoopEvents,
  type LoopState,
} from '../../background/agent-loop.ts';
import type { ModelClient, ModelTurnRequest } from '../../background/model-client.ts';
import type { ToolPlan } from '../../background/tool-input.ts';
import { StoppedError } from '../../background/errors.ts';
import { modelProfile } from '../../extension/models.ts';
import { point } from '../../extension/geometry.ts';

type Block = { type: 'text'; text: string } | { type: 'tool_use'; input: unknown; name?: string };

function message(blocks: Block[], n: number): BetaMessage {
  const content = blocks.map((b, i) =>
    b.type === 'text'
      ? { type: 'text', text: b.text, citations: null }
      : { type: 'tool_use', id: `toolu_${n}_${i}`, name: b.name ?? 'computer', input: b.input },
  );
  return {
    id: `msg_${n}`,
    type: 'message',
    role: 'assistant',
    model: 'm',
    content,
    stop_reason: blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: 100,
      output_tokens: 10,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  } as unknown as BetaMessage;
}

function scriptedModel(turns: Block[][], seen: ModelTurnRequest[] = []): ModelClient {
  let n = 0;
  return {
    profile: modelProfile('claude-sonnet-4-5'),
    async next(request, options) {
      seen.push({ ...request, messages: structuredClone(request.messages) });
      if (options.signal.aborted) throw new StoppedError();
      const turn = turns[n];
      if (!turn) throw new Error(`the script has no turn ${n + 1}`);
      n++;
      return message(turn, n);
    },
  };
}

function fakeComputer(plans: ToolPlan[] = []): Computer {
  return {
    cursor: point(5, 5),
    async screenshot() {
      return { base64: 'iVBORw0KGgo=', mediaType: 'image/png', size: { width: 800, height: 600 } };
    },
    async run(plan) {
      plans.push(plan);
      return { text: 'Target: button "Go".' };
    },
  };
}

function recorder(): LoopEvents & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    assistantText: (step, text) => log.push(`say ${step}: ${text}`),
    actionStarted: () => undefined,
    action: (_id, summary, outcome, isError) =>
      log.push(
        `${isError ? 'error' : 'action'}: ${summary}${outcome?.text ? ` — ${outcome.text}` : ''}`,
      ),
    turn: (step) => log.push(`turn ${step}`),
    notice: (text) => log.push(`notice: ${text}`),
  };
}

const limits = { maxSteps: 10, maxConsecutiveErrors: 3 };

describe('agent loop', () => {
  test('runs tool calls, answers each with a result and a screenshot, ends on a text answer', async () => {
    const seen: ModelTurnRequest[] = [];
    const plans: ToolPlan[] = [];
    const events = recorder();
    const outcome = await runAgentLoop({
      task: 'click Go',
      system: 'sys',
      model: scriptedModel(
        [
          [
            { type: 'text', text: 'Clicking.' },
            { type: 'tool_use', input: { action: 'left_click', coordinate: [10, 20] } },
          ],
          [{ type: 'text', text: 'Done, I clicked Go.' }],
        ],
        seen,
      ),
      computer: fakeComputer(plans),
      limits,
      events,
      signal: new AbortController().signal,
    });
    assert.deepEqual(outcome, { status: 'done', answer: 'Done, I clicked Go.', steps: 2 });
    assert.equal(plans.length, 1);
    assert.equal(plans[0]?.kind, 'actions');
    // The second request answers toolu_1_1 with its result and a fresh screenshot.
    const last = seen[1]?.messages.at(-1) as BetaMessageParam;
    assert.equal(last.role, 'user');
    const [result] = last.content as {
      type: string;
      tool_use_id: string;
      content: { type: string }[];
    }[];
    assert.equal(result?.type, 'tool_result');
    assert.equal(result?.tool_use_id, 'toolu_1_1');
    assert.deepEqual(
      result?.content.map((c) => c.type),
      ['text', 'image'],
    );
    // The first request carries the task and a screenshot; the tool is sized to the screenshot.
    const first = seen[0]?.messages[0]?.content as { type: string }[];
    assert.deepEqual(
      first.map((c) => c.type),
      ['text', 'image'],
    );
    assert.deepEqual(seen[0]?.tools, [
      {
        type: 'computer_20250124',
        name: 'computer',
        display_width_px: 800,
        display_height_px: 600,
      },
    ]);
    assert.deepEqual(events.log, [
      'say 1: Clicking.',
      'turn 1',
      'action: left_click (10, 20) — Target: button "Go".',
      'say 2: Done, I clicked Go.',
      'turn 2',
    ]);
  });

  test('bad tool input becomes an is_error result and the loop goes on', async () => {
    const seen: ModelTurnRequest[] = [];
    const outcome = await runAgentLoop({
      task: 't',
      system: 's',
      model: scriptedModel(
        [
          [{ type: 'tool_use', input: { action: 'left_click', coordinate: [900, 20] } }],
          [{ type: 'tool_use', input: { action: 'key', text: 'Bogus' } }],
          [{ type: 'tool_use', name: 'bash', input: { command: 'ls' } }],
          [{ type: 'tool_use', input: { action: 'screenshot' } }],
          [{ type: 'text', text: 'ok' }],
        ],
        seen,
      ),
      computer: fakeComputer(),
      limits: { maxSteps: 10, maxConsecutiveErrors: 4 },
      events: recorder(),
      signal: new AbortController().signal,
    });
    assert.equal(outcome.status, 'done');
    const errorTexts = seen.slice(1, 4).map((r) => {
      const [res] = r.messages.at(-1)?.content as {
        is_error?: boolean;
        content: { text: string }[];
      }[];
      assert.equal(res?.is_error, true);
      return res?.content[0]?.text;
    });
    assert.match(errorTexts[0] ?? '', /coordinate \[900, 20\] is outside the 800x600 screenshot/);
    assert.match(errorTexts[1] ?? '', /Unknown key "Bogus"/);
    assert.match(errorTexts[2] ?? '', /Unknown tool "bash"/);
  });

  test('too many invalid actions in a row fail the run with the reason', async () => {
    const bad = [{ type: 'tool_use' as const, input: { action: 'fly' } }];
    const outcome = await runAgentLoop({
      task: 't',
      system: 's',
      model: scriptedModel([bad, bad, bad, bad]),
      computer: fakeComputer(),
      limits,
      events: recorder(),
      signal: new AbortController().signal,
    });
    assert.equal(outcome.status, 'failed');
    assert.match(
      outcome.status === 'failed' ? outcome.reason : '',
      /last 3 actions were all invalid.*fly/,
    );
  });

  test('the step limit ends the run with its reason', async () => {
    const shot = [{ type: 'tool_use' as const, input: { action: 'screenshot' } }];
    const outcome = await runAgentLoop({
      task: 't',
      system: 's',
      model: scriptedModel([shot, shot, shot]),
      computer: fakeComputer(),
      limits: { maxSteps: 2, maxConsecutiveErrors: 3 },
      events: recorder(),
      signal: new AbortController().signal,
    });
    assert.deepEqual(outcome, {
      status: 'failed',
      reason: 'Reached the limit of 2 steps',
      steps: 2,
    });
  });

  test('an aborted signal stops the loop with StoppedError', async () => {
    const controller = new AbortController();
    const computer = fakeComputer();
    const stopping: Computer = {
      ...computer,
      cursor: computer.cursor,
      async run(plan, signal) {
        controller.abort();
        return computer.run(plan, signal);
      },
    };
    await assert.rejects(
      runAgentLoop({
        task: 't',
        system: 's',
        model: scriptedModel([
          [{ type: 'tool_use', input: { action: 'screenshot' } }],
          [{ type: 'text', text: 'x' }],
        ]),
        computer: stopping,
        limits,
        events: recorder(),
        signal: controller.signal,
      }),
      StoppedError,
    );
  });
});

describe('agent loop across restarts', () => {
  const click = {
    type: 'tool_use' as const,
    input: { action: 'left_click', coordinate: [10, 20] },
  };

  /** Runs a loop, recording every checkpoint; `stopAt` throws at that checkpoint as a worker stop would. */
  async function runUntil(stopAt: (s: LoopState) => boolean, turns: Block[][], plans: ToolPlan[]) {
    const states: LoopState[] = [];
    const stop = new Error('worker stopped');
    const outcome = await runAgentLoop({
      task: 't',
      system: 's',
      model: scriptedModel(turns),
      computer: fakeComputer(plans),
      limits,
      events: recorder(),
      signal: new AbortController().signal,
      checkpoint: async (s) => {
        states.push(structuredClone(s));
        if (stopAt(s)) throw stop;
      },
    }).catch((e: unknown) => {
      if (e !== stop) throw e;
      return undefined;
    });
    return { states, outcome };
  }

  test('a stop while an action runs: on resume the action is not repeated and Claude is told', async () => {
    const plans: ToolPlan[] = [];
    const { states } = await runUntil((s) => s.acting !== undefined, [[click]], plans);
    const saved = states.at(-1);
    assert.ok(saved?.acting, 'the state names the action under way');
    assert.equal(plans.length, 0, 'stopped before the action ran');

    // Resume: the model's next turn must see the interruption note, and the click is not run again.
    const seen: ModelTurnRequest[] = [];
    const resumedPlans: ToolPlan[] = [];
    const outcome = await runAgentLoop({
      task: 't',
      system: 's',
      model: scriptedModel([[{ type: 'text', text: 'ok' }]], seen),
      computer: fakeComputer(resumedPlans),
      limits,
      events: recorder(),
      signal: new AbortController().signal,
      resume: saved,
    });
    assert.equal(outcome.status, 'done');
    assert.equal(resumedPlans.length, 0);
    const [result] = seen[0]?.messages.at(-1)?.content as {
      tool_use_id: string;
      content: { type: string; text?: string }[];
    }[];
    assert.equal(result?.tool_use_id, 'toolu_1_0');
    assert.equal(result?.content[0]?.text, interruptedActionText);
    assert.equal(result?.content[1]?.type, 'image');
  });

  test('a stop after the action but before the next model call: nothing is repeated or lost', async () => {
    const plans: ToolPlan[] = [];
    const { states } = await runUntil((s) => s.results.length === 1, [[click]], plans);
    assert.equal(plans.length, 1);
    const saved = states.at(-1);
    const resumedPlans: ToolPlan[] = [];
    const seen: ModelTurnRequest[] = [];
    await runAgentLoop({
      task: 't',
      system: 's',
      model: scriptedModel([[{ type: 'text', text: 'ok' }]], seen),
      computer: fakeComputer(resumedPlans),
      limits,
      events: recorder(),
      signal: new AbortController().signal,
      resume: saved,
    });
    assert.equal(resumedPlans.length, 0);
    const [result] = seen[0]?.messages.at(-1)?.content as {
      tool_use_id: string;
      content: { text?: string }[];
    }[];
    assert.equal(result?.content[0]?.text, 'Target: button "Go".');
  });

  test('a stop during the model call: the request is simply asked again', async () => {
    const plans: ToolPlan[] = [];
    // Stop at the checkpoint that closes the first tool turn (the state the next model call starts from).
    const { states } = await runUntil(
      (s) => s.messages.length === 3 && s.messages.at(-1)?.role === 'user',
      [[click]],
      plans,
    );
    const saved = states.at(-1);
    const resumedPlans: ToolPlan[] = [];
    const outcome = await runAgentLoop({
      task: 't',
      system: 's',
      model: scriptedModel([[{ type: 'text', text: 'finished' }]]),
      computer: fakeComputer(resumedPlans),
      limits,
      events: recorder(),
      signal: new AbortController().signal,
      resume: saved,
    });
    assert.deepEqual(outcome, { status: 'done', answer: 'finished', steps: 2 });
    assert.equal(plans.length + resumedPlans.length, 1, 'the click ran exactly once');
  });

  test('a refused action goes back to Claude as an error naming the reason', async () => {
    const seen: ModelTurnRequest[] = [];
    const plans: ToolPlan[] = [];
    await runAgentLoop({
      task: 't',
      system: 's',
      model: scriptedModel([[click], [{ type: 'text', text: 'ok' }]], seen),
      computer: fakeComputer(plans),
      limits,
      events: recorder(),
      signal: new AbortController().signal,
      guard: async () => ({ allow: false, reason: 'The user declined this action.' }),
    });
    assert.equal(plans.length, 0);
    const [result] = seen[1]?.messages.at(-1)?.content as {
      is_error?: boolean;
      content: { text?: string }[];
    }[];
    assert.equal(result?.is_error, true);
    assert.equal(result?.content[0]?.text, 'The user declined this action.');
  });
});
