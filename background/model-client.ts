/**
 * The model client: one streamed Messages API call per turn, through
 * @anthropic-ai/sdk's beta messages. Failures become the named errors of
 * ./errors.ts so the popup can explain them.
 */
import Anthropic from '@anthropic-ai/sdk';
import type {
  BetaMessage,
  BetaMessageParam,
  BetaTextBlockParam,
  BetaToolUnion,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import type { ModelProfile } from '../extension/models.ts';
import { withRetries, type RetryNotice, type RetryPolicy } from './retry.ts';
import { ApiRejectedError, ApiUnavailableError, ModelOutputError, StoppedError } from './errors.ts';

export interface ModelTurnRequest {
  readonly system: string | BetaTextBlockParam[];
  readonly messages: BetaMessageParam[];
  readonly tools: BetaToolUnion[];
}

export interface ModelTurnOptions {
  readonly signal: AbortSignal;
  /** Called with each piece of Claude's text as it streams in. */
  readonly onText?: (delta: string) => void;
  /** Called before a failed call is tried again; the new attempt streams its text from the start. */
  readonly onRetry?: (notice: RetryNotice) => void;
}

export interface ModelClient {
  readonly profile: ModelProfile;
  next(request: ModelTurnRequest, options: ModelTurnOptions): Promise<BetaMessage>;
}

export interface ModelClientConfig {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly profile: ModelProfile;
  readonly retry?: RetryPolicy;
  /** Per attempt. */
  readonly timeoutMs?: number;
}

/** max_tokens of every request: room for a few sentences and tool calls, not an essay. */
export function requestMaxTokens(profile: ModelProfile): number {
  return Math.min(profile.maxOutputTokens, 4096);
}

export function anthropicModelClient(config: ModelClientConfig): ModelClient {
  const client = new Anthropic({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    // The key is the user's own and stays in the extension's background.
    dangerouslyAllowBrowser: true,
    // ./retry.ts retries, also after a stream cut mid-message, which the SDK cannot.
    maxRetries: 0,
    timeout: config.timeoutMs ?? 120_000,
  });
  const { profile } = config;
  return {
    profile,
    async next(request, options) {
      const attempt = async (): Promise<BetaMessage> => {
        const stream = client.beta.messages.stream(
          {
            model: profile.id,
            max_tokens: requestMaxTokens(profile),
            system: request.system,
            messages: request.messages,
            tools: request.tools,
            betas: [profile.betaHeader],
          },
          { signal: options.signal },
        );
        if (options.onText) stream.on('text', options.onText);
        return stream.finalMessage();
      };
      try {
        return await withRetries(attempt, {
          policy: config.retry,
          signal: options.signal,
          onRetry: options.onRetry,
        });
      } catch (error) {
        throw translateError(error, options.signal, config.baseUrl);
      }
    },
  };
}

/** Maps the SDK's errors to ours, with messages a user can act on. */
export function translateError(error: unknown, signal: AbortSignal, baseUrl: string): Error {
  if (signal.aborted) return new StoppedError();
  if (error instanceof Anthropic.APIUserAbortError) return new StoppedError();
  if (error instanceof Anthropic.APIConnectionError) {
    return new ApiUnavailableError(
      `Could not reach the API at ${baseUrl} (${error.message}). Check the API base URL and your connection.`,
    );
  }
  if (error instanceof Anthropic.APIError) {
    const detail = error.apiMessage ?? error.message;
    const status = error.status;
    if (status === 401) {
      return new ApiRejectedError(
        `The API key was rejected (401 ${error.type ?? 'authentication_error'}): ${detail}. Check the key in Settings.`,
        status,
      );
    }
    if (status === 403) {
      return new ApiRejectedError(`The API refused this request (403): ${detail}`, status);
    }
    if (status === 404) {
      return new ApiRejectedError(
        `Not found (404): ${detail}. Check the model and API base URL.`,
        status,
      );
    }
    if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      return new ApiRejectedError(`The API rejected the request (${status}): ${detail}`, status);
    }
    return new ApiUnavailableError(
      `The API kept failing (${status ?? 'no status'} ${error.type ?? ''}): ${detail}`.replace(
        / +/g,
        ' ',
      ),
    );
  }
  if (error instanceof SyntaxError) {
    return new ModelOutputError(
      `The API answered with something that is not valid JSON: ${error.message}`,
    );
  }
  if (error instanceof Error) return error;
  return new Error(String(error));
}
