/**
 * The blocks the loop answers Claude's tool calls with: a tool_result with what
 * the call produced, an is_error tool_result for a call that could not be carried
 * out (a mistake in Claude's request is data for Claude, not an exception), and a
 * screenshot as an image block.
 */
import type {
  BetaContentBlockParam,
  BetaMessageParam,
  BetaToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';

/** A screenshot as the API takes it (the loop's ScreenImage is one). */
export interface EncodedImage {
  readonly base64: string;
  readonly mediaType: 'image/png' | 'image/jpeg';
}

/** The call's text and screenshot, or "Done." when it produced neither. */
export function toolResult(
  id: string,
  text: string | undefined,
  image: EncodedImage | undefined,
): BetaToolResultBlockParam {
  const content: BetaToolResultBlockParam['content'] = [];
  if (text) content.push({ type: 'text', text });
  if (image) content.push(imageBlock(image));
  if (content.length === 0) content.push({ type: 'text', text: 'Done.' });
  return { type: 'tool_result', tool_use_id: id, content };
}

export function errorResult(id: string, text: string): BetaToolResultBlockParam {
  return {
    type: 'tool_result',
    tool_use_id: id,
    is_error: true,
    content: [{ type: 'text', text }],
  };
}

export function imageBlock(image: EncodedImage): BetaContentBlockParam & { type: 'image' } {
  return {
    type: 'image',
    source: { type: 'base64', media_type: image.mediaType, data: image.base64 },
  };
}

/** The text of the tool result that ends the conversation ('unknown' when there is none). */
export function lastErrorText(messages: readonly BetaMessageParam[]): string {
  const content = messages.at(-1)?.content;
  const last = Array.isArray(content) ? content.at(-1) : undefined;
  if (!last || last.type !== 'tool_result' || !Array.isArray(last.content)) return 'unknown';
  const first = last.content[0];
  return first && first.type === 'text' ? first.text : 'unknown';
}
