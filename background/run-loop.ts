/**
 * What a run gives the agent loop: the model client, the system prompt and
 * context policy, the limits, the gates before each action and model call,
 * and the checkpoint that stores the loop's state after every step.
 */
import { modelProfile } from '../extension/models.ts';
import type { ActiveRun } from './active-run.ts';
import { runAgentLoop, type LoopOutcome, type LoopState } from './agent-loop.ts';
import { computerTool } from './computer-tool.ts';
import { cachedSystem, contextOptions, prepareMessages } from './context-policy.ts';
import { limitReached } from './limits.ts';
import { saveLoop } from './loop-store.ts';
import { requestMaxTokens, type anthropicModelClient } from './model-client.ts';
import { whilePaused } from './run-questions.ts';
import { approveActions, checkPage, type Ask } from './run-safety.ts';
import { saveRun } from './run-store.ts';
import { followTab } from './run-tabs.ts';
import type { RunTranscript } from './run-transcript.ts';
import { loadSettings } from './settings-store.ts';
import { systemPrompt } from './system-prompt.ts';

export const maxConsecutiveErrors = 5;

/** A limit of the run was reached: it ends as failed with this reason. */
export class LimitError extends Error {
  override name = 'LimitError';
}

export interface LoopDeps {
  readonly makeClient: typeof anthropicModelClient;
  readonly transcript: RunTranscript;
  readonly ask: Ask;
}

/** Runs the agent loop for the run, from its task or from `resume`, until it ends or throws. */
export async function driveLoop(
  run: ActiveRun,
  resume: LoopState | undefined,
  { makeClient, transcript, ask }: LoopDeps,
): Promise<LoopOutcome> {
  const events = transcript.loopEvents(run, () => followTab(run, transcript));
  const settings = await loadSettings();
  const profile = modelProfile(run.view.model);
  const client = makeClient({ apiKey: settings.apiKey, baseUrl: settings.baseUrl, profile });
  const system = systemPrompt(new Date(run.view.startedAt), navigator.userAgent);
  // Old screenshots go in chunks and cache breakpoints follow the turns: see context-policy.ts.
  const context = contextOptions(profile, {
    system,
    tools: [computerTool(profile.toolType, { width: 1568, height: 1568 }, profile.zoom)],
    maxTokens: requestMaxTokens(profile),
  });
  return runAgentLoop({
    task: run.view.task,
    system: cachedSystem(system),
    prepare: (messages) => prepareMessages(messages, context),
    model: client,
    computer: run.computer,
    limits: { maxSteps: settings.maxSteps, maxConsecutiveErrors },
    events,
    signal: run.controller.signal,
    resume,
    guard: async (plan) => {
      await whilePaused(run);
      if (plan.kind !== 'actions') return { allow: true };
      return approveActions(run, plan.actions, ask);
    },
    beforeModelCall: async () => {
      await whilePaused(run);
      const limit = limitReached(run.view.usage, profile, run.view.startedAt, Date.now(), settings);
      if (limit) throw new LimitError(limit);
      await checkPage(run, ask);
      const note = run.note;
      run.note = undefined;
      return note;
    },
    checkpoint: async (state) => {
      if (run.view.status !== 'running') return;
      await saveLoop(run.view.id, {
        loop: state,
        cursor: run.computer.cursor,
        geometry: run.computer.geometry,
      });
      await saveRun(run.view);
    },
  });
}
