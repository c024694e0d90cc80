/** Public types of the fake Messages API. */
import type { IncomingHttpHeaders } from 'node:http';
import type {
  BetaStopReason,
  MessageCreateParamsBase,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';

/** A request body the fake accepted: the SDK's own param type, minus its header params. */
export type MessagesRequest = Omit<
  MessageCreateParamsBase,
  'betas' | 'user_profile_id' | 'workspace_id'
>;

export interface RecordedRequest {
  readonly method: string;
  /** Path with any query string, e.g. `/v1/messages?beta=true`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when it was not read (rejected before) or not JSON. */
  body: unknown;
  /** The `request-id` header answered. */
  readonly requestId: string;
  /** HTTP status answered; 0 while unanswered, or when a fault dropped the socket. */
  status: number;
  /** Which policy turn answered it (1-based), when the policy was consulted. */
  turn?: number;
}

export interface TextTurn {
  text?: string;
  toolUses?: { name: string; input: unknown }[];
  stopReason?: BetaStopReason;
}

export interface ErrorTurn {
  error: { status: number; type: string; message: string };
  /** Seconds, sent as `retry-after`. */
  retryAfter?: number;
}

export interface FaultTurn {
  fault: 'cut-stream' | 'hang' | 'reset' | 'bad-json';
}

export type Turn = TextTurn | ErrorTurn | FaultTurn;

export interface PolicyContext {
  /** 1-based count of valid requests the policy has been asked about, this one included. */
  readonly turn: number;
  readonly requests: readonly RecordedRequest[];
}

export type Policy = (req: MessagesRequest, ctx: PolicyContext) => Turn | Promise<Turn>;

export interface FakeAnthropicOptions {
  /** Default 'sk-ant-test-key'. */
  apiKey?: string;
  policy?: Policy;
  /** Clock for the prompt cache's TTL; lets a test age entries. Default Date.now. */
  now?: () => number;
}

export interface FakeAnthropic {
  /** `http://127.0.0.1:PORT`, for the SDK's baseURL. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  setPolicy(p: Policy): void;
  close(): Promise<void>;
}
