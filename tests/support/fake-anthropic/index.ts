/**
 * A local, strict fake of Anthropic's Messages API for tests: point the SDK's
 * baseURL at `url`, script the replies with a policy. It checks requests the
 * way the real API does and answers in its wire format, streaming included.
 */
import { startServer } from './server.ts';
import type { FakeAnthropic, FakeAnthropicOptions } from './types.ts';

export type {
  ErrorTurn,
  FakeAnthropic,
  FakeAnthropicOptions,
  FaultTurn,
  MessagesRequest,
  Policy,
  PolicyContext,
  RecordedRequest,
  TextTurn,
  Turn,
} from './types.ts';
export type { ImageInfo } from './image-info.ts';
export {
  findColor,
  lastToolResults,
  lastUserImage,
  lastUserImageInfo,
  scripted,
  type DecodedImage,
} from './helpers.ts';
export { imageTokens, textTokens } from './tokens.ts';
export { minCacheableTokens } from './cache.ts';

export function startFakeAnthropic(o: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  return startServer(o);
}
