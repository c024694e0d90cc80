/**
 * Where a run waits for the user: a question (site, risky action, page text)
 * until it is answered, or a pause until Resume. Stop ends either wait.
 */
import type { Question } from '../extension/run.ts';
import type { ActiveRun } from './active-run.ts';
import { RunControlError, StoppedError } from './errors.ts';
import type { RunTranscript } from './run-transcript.ts';

/** Asks the user and waits for the answer (or for Stop). */
export async function ask(
  run: ActiveRun,
  transcript: RunTranscript,
  question: Omit<Question, 'id'>,
): Promise<string> {
  const full: Question = { ...question, id: crypto.randomUUID() };
  const signal = run.controller.signal;
  try {
    return await new Promise<string>((resolve, reject) => {
      if (signal.aborted) {
        reject(new StoppedError());
        return;
      }
      const onAbort = (): void => reject(new StoppedError());
      signal.addEventListener('abort', onAbort, { once: true });
      run.answer = (choice) => {
        signal.removeEventListener('abort', onAbort);
        resolve(choice);
      };
      run.view.question = full;
      transcript.add(run, { kind: 'status', text: `Waiting for you: ${full.title}` });
      transcript.changed(run);
    });
  } finally {
    run.answer = undefined;
    run.view.question = undefined;
    // The user had the page meanwhile.
    run.computer.pageMayHaveChanged();
    transcript.changed(run);
  }
}

/** Settles the open question with one of its choices. */
export function answer(
  run: ActiveRun,
  transcript: RunTranscript,
  questionId: string,
  choice: string,
): void {
  const question = run.view.question;
  if (!question || question.id !== questionId) {
    throw new RunControlError('That question is no longer open');
  }
  if (!question.choices.includes(choice)) {
    throw new RunControlError(
      `“${choice}” is not one of the answers: ${question.choices.join(', ')}`,
    );
  }
  run.answer?.(choice);
  run.view.question = undefined;
  transcript.changed(run);
}

/** Holds the run before its next action or model call; `takenOver` when the user acts on the page. */
export function pause(run: ActiveRun, transcript: RunTranscript, takenOver: boolean): void {
  if (!run.resumed) {
    let resolve = (): void => undefined;
    const promise = new Promise<void>((ok) => (resolve = ok));
    run.resumed = { promise, resolve };
  }
  run.view.paused = { takenOver: takenOver || (run.view.paused?.takenOver ?? false) };
  transcript.add(run, {
    kind: 'status',
    text: takenOver
      ? 'Paused: you have the page. Press Resume when you are done.'
      : 'Paused. Press Resume to carry on.',
  });
  transcript.changed(run);
}

/** Lets a paused run go on; Claude is told, with a fresh screenshot. */
export function resume(run: ActiveRun, transcript: RunTranscript): void {
  if (!run.resumed) return;
  run.note = run.view.paused?.takenOver
    ? 'The user took over and acted on the page themselves while the run was paused. The screenshot shows the page now; carry on from there.'
    : 'The user paused the run and has resumed it. The screenshot shows the page now.';
  run.view.paused = undefined;
  const { resolve } = run.resumed;
  run.resumed = undefined;
  resolve();
  transcript.add(run, { kind: 'status', text: 'Resumed.' });
  transcript.changed(run);
}

/** Waits while the run is paused; Stop still ends it. */
export async function whilePaused(run: ActiveRun): Promise<void> {
  while (run.resumed) {
    // The user had the page meanwhile (and may have taken over).
    run.computer.pageMayHaveChanged();
    const signal = run.controller.signal;
    if (signal.aborted) throw new StoppedError();
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(new StoppedError());
      signal.addEventListener('abort', onAbort, { once: true });
      void run.resumed?.promise.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
