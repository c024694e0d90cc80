/**
 * tool_use / tool_result pairing, with the API's own messages:
 * - "messages.N: `tool_use` ids were found without `tool_result` blocks immediately after: …"
 *   (https://github.com/anthropics/claude-code/issues/2697)
 * - "messages.N: Did not find K tool_result block(s) at the beginning of this message. …"
 *   (https://github.com/apify/tester-mcp-client/issues/12)
 * - "messages.N.content.M: unexpected `tool_use_id` found in `tool_result` blocks: …"
 *   (https://github.com/anthropics/claude-code/issues/13460)
 * Messages arrive already shape-checked.
 */
import { ApiError } from './errors.ts';
import type { Json } from './shape.ts';

function blocks(message: Json | undefined): Json[] {
  const content = message?.['content'];
  return Array.isArray(content) ? (content as Json[]) : [];
}

function toolUseIds(message: Json | undefined): string[] {
  if (message?.['role'] !== 'assistant') return [];
  return blocks(message)
    .filter((b) => b['type'] === 'tool_use')
    .map((b) => b['id'] as string);
}

export function pairToolResults(messages: readonly Json[]): void {
  const seen = new Set<string>();
  messages.forEach((message, i) => {
    if (message['role'] === 'user') {
      const expected = toolUseIds(messages[i - 1]);
      blocks(message).forEach((block, j) => {
        const id = block['tool_use_id'];
        if (block['type'] === 'tool_result' && !expected.includes(id as string)) {
          throw new ApiError(
            400,
            `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      });
      return;
    }
    const ids = toolUseIds(message);
    for (const id of ids) {
      if (seen.has(id)) throw new ApiError(400, `messages.${i}: \`tool_use\` ids must be unique`);
      seen.add(id);
    }
    if (ids.length === 0) return;
    const next = messages[i + 1];
    const results = next?.['role'] === 'user' ? blocks(next) : [];
    const answered = new Set(
      results.filter((b) => b['type'] === 'tool_result').map((b) => b['tool_use_id']),
    );
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length) {
      throw new ApiError(
        400,
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
    const leading = results.findIndex((b) => b['type'] !== 'tool_result');
    if ((leading === -1 ? results.length : leading) < ids.length) {
      throw new ApiError(
        400,
        `messages.${i + 1}: Did not find ${ids.length} tool_result block(s) at the beginning of this message. Messages following tool_use blocks must begin with a matching number of tool_result blocks.`,
      );
    }
  });
}
