/**
 * Typed request/response messaging between extension contexts.
 *
 * An API is an interface whose members are `(request) => response`; both sides
 * are inferred from it. Replies travel as `{ok: true, value}` or
 * `{ok: false, error}` and errors are rethrown on the sender's side as real
 * Errors with their original name, so `await send(...)` returns a typed value or
 * throws.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiShape = { [method: string]: (request: any) => unknown };

export type ApiRequest<Api extends ApiShape, M extends keyof Api> = Parameters<Api[M]>[0];
export type ApiResponse<Api extends ApiShape, M extends keyof Api> = Awaited<ReturnType<Api[M]>>;

export type Handlers<Api extends ApiShape, Ctx> = {
  [M in keyof Api]: (
    request: ApiRequest<Api, M>,
    context: Ctx,
  ) => ApiResponse<Api, M> | Promise<ApiResponse<Api, M>>;
};

/** Every message of ours carries this tag, so foreign messages are ignored. */
export const channel = 'tabpilot/1';

export interface Envelope {
  readonly channel: typeof channel;
  readonly method: string;
  readonly request: unknown;
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
}

export type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SerializedError };

export function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).channel === channel &&
    typeof (message as Envelope).method === 'string'
  );
}

export function envelope(method: string, request: unknown): Envelope {
  return { channel, method, request };
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** An Error rebuilt from a reply, keeping the thrower's error name. */
export class RemoteError extends Error {
  constructor(error: SerializedError) {
    super(error.message);
    this.name = error.name;
  }
}

export function unwrap<T>(reply: unknown, method: string): T {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    throw new Error(`No reply to ${method}: the receiver is not listening`);
  }
  const r = reply as Reply<T>;
  if (r.ok) return r.value;
  throw new RemoteError(r.error);
}

/**
 * Runs the handler named by an envelope and wraps the outcome in a Reply. The
 * caller has already checked that the sender may call this API.
 */
export async function dispatch<Api extends ApiShape, Ctx>(
  handlers: Handlers<Api, Ctx>,
  message: Envelope,
  context: Ctx,
): Promise<Reply<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(handlers, message.method)) {
    return { ok: false, error: { name: 'TypeError', message: `Unknown method ${message.method}` } };
  }
  try {
    const handler = handlers[message.method as keyof Api] as (r: unknown, c: Ctx) => unknown;
    return { ok: true, value: await handler(message.request, context) };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

/** Builds a typed client from a function that delivers one envelope and returns the raw reply. */
export function client<Api extends ApiShape>(
  deliver: (message: Envelope) => Promise<unknown>,
): <M extends keyof Api & string>(
  method: M,
  request: ApiRequest<Api, M>,
) => Promise<ApiResponse<Api, M>> {
  return <M extends keyof Api & string>(method: M, request: ApiRequest<Api, M>) =>
    deliver(envelope(method, request)).then((reply) => unwrap<ApiResponse<Api, M>>(reply, method));
}
