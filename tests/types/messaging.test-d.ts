/**
 * Type tests for extension/messaging.ts: what the compiler infers and what it
 * refuses. `npm run typecheck` compiles them; nothing here runs. A `@ts-expect-error`
 * line is a call that must not compile: if it ever does, tsc reports the unused
 * directive.
 */
import { expectTypeOf } from 'expect-type';
import {
  client,
  dispatch,
  type ApiRequest,
  type ApiResponse,
  type ApiShape,
  type Envelope,
  type Handlers,
  type Reply,
  type SerializedError,
} from '../../extension/messaging.ts';

type Api = {
  double(request: { n: number }): number;
  /** A handler may be async; the caller sees the value, not a Promise of a Promise. */
  names(request: { prefix: string }): Promise<readonly string[]>;
  reset(request: Record<string, never>): void;
};

declare const deliver: (message: Envelope) => Promise<unknown>;
const send = client<Api>(deliver);

// The client infers each method's request and response from the API type.
expectTypeOf(send('double', { n: 1 })).toEqualTypeOf<Promise<number>>();
expectTypeOf(send('names', { prefix: 'a' })).toEqualTypeOf<Promise<readonly string[]>>();
expectTypeOf(send('reset', {})).toEqualTypeOf<Promise<void>>();
expectTypeOf<ApiRequest<Api, 'double'>>().toEqualTypeOf<{ n: number }>();
expectTypeOf<ApiResponse<Api, 'names'>>().toEqualTypeOf<readonly string[]>();

// @ts-expect-error: no such method
void send('triple', { n: 1 });
// @ts-expect-error: another method's request
void send('double', { prefix: 'a' });
// @ts-expect-error: the request is required, even when empty
void send('reset');
// @ts-expect-error: an empty request means empty
void send('reset', { n: 1 });

// Handlers: one object with every method, checked with `satisfies` as the receivers do.
const handlers = {
  double: ({ n }, context) => {
    expectTypeOf(context).toEqualTypeOf<{ tabId: number }>();
    return n * 2;
  },
  names: async ({ prefix }) => [prefix],
  reset: () => undefined,
} satisfies Handlers<Api, { tabId: number }>;

expectTypeOf<keyof Handlers<Api, null>>().toEqualTypeOf<keyof Api>();
// A missing handler is a compile error.
expectTypeOf<Omit<typeof handlers, 'reset'>>().not.toExtend<Handlers<Api, { tabId: number }>>();
// So is a handler that answers with the wrong type, sync or async.
expectTypeOf<{ double: () => string }>().not.toExtend<Pick<Handlers<Api, null>, 'double'>>();
expectTypeOf<{ names: () => Promise<number> }>().not.toExtend<Pick<Handlers<Api, null>, 'names'>>();

// dispatch takes the handlers and their context, and answers with an untyped Reply
// (the client's side types it).
declare const message: Envelope;
expectTypeOf(dispatch(handlers, message, { tabId: 1 })).toEqualTypeOf<Promise<Reply<unknown>>>();
// @ts-expect-error: the wrong context for these handlers
void dispatch(handlers, message, { frameId: 0 });

// A Reply narrows on `ok`.
declare const reply: Reply<number>;
if (reply.ok) expectTypeOf(reply.value).toEqualTypeOf<number>();
else expectTypeOf(reply.error).toEqualTypeOf<SerializedError>();

// Why APIs are type aliases: an interface has no implicit index signature, so it
// is not an ApiShape and client<> refuses it.
interface InterfaceApi {
  double(request: { n: number }): number;
}
expectTypeOf<InterfaceApi>().not.toExtend<ApiShape>();
expectTypeOf<Api>().toExtend<ApiShape>();
