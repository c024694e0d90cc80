/**
 * Named errors of the background. Their messages are written for the user: the
 * popup shows them as they are. Problems with the model's request are not
 * errors: they go back to Claude as `is_error` tool results.
 */

/**
 * The configuration cannot work (no API key, bad settings, an unusable model):
 * the user fixes it in Settings.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * A run control that does not fit the input or the runs as they are now (no
 * task, a second run in one tab, a run that already ended, a question already
 * answered). Nothing changed; the message says why.
 */
export class RunControlError extends Error {
  override name = 'RunControlError';
}

/** The API rejected the request for good (400, 401, 403, 404, 413): retrying will not help. */
export class ApiRejectedError extends Error {
  override name = 'ApiRejectedError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/** The API could not be reached or kept failing (network, 429, 5xx, 529) after retries. */
export class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
}

/** The model answered with something the loop cannot use. */
export class ModelOutputError extends Error {
  override name = 'ModelOutputError';
}

/** The tab is gone, or shows a page no extension may script. */
export class TabError extends Error {
  override name = 'TabError';
}

/** A message to the page got no answer in time (an open alert, a frozen page). */
export class TabTimeoutError extends Error {
  override name = 'TabTimeoutError';
}

/** The user stopped the run. */
export class StoppedError extends Error {
  override name = 'StoppedError';
  constructor() {
    super('Stopped by the user');
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
