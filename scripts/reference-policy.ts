/**
 * The context policy of Anthropic's computer-use demo, for the cost bench and the
 * tests to compare tabpilot's with (background/context-policy.ts); the extension
 * never uses it. Every screenshot is kept and a cache breakpoint goes on the last
 * block of each of the three newest user turns (anthropic-quickstarts,
 * computer-use-demo/computer_use_demo/loop.py, `_inject_prompt_caching`; it also
 * caches the system prompt, as cachedSystem does).
 */
import type {
  BetaContentBlockParam,
  BetaMessageParam,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';

/** The request's messages; returns new objects, `history` is left as it is. */
export function referencePolicy(history: readonly BetaMessageParam[]): BetaMessageParam[] {
  const messages = history.map(copyMessage);
  let marked = 0;
  for (let m = messages.length - 1; m >= 0 && marked < 3; m--) {
    const message = messages[m];
    if (message?.role !== 'user' || !Array.isArray(message.content)) continue;
    const content: BetaContentBlockParam[] = message.content;
    const last = content.at(-1);
    if (!last) continue;
    content[content.length - 1] = {
      ...last,
      cache_control: { type: 'ephemeral' },
    } as BetaContentBlockParam;
    marked++;
  }
  return messages;
}

/** A copy with its own content array and no breakpoints of its own. */
function copyMessage(message: BetaMessageParam): BetaMessageParam {
  if (message.role === 'system') return { ...message };
  const content: BetaContentBlockParam[] =
    typeof message.content === 'string'
      ? [{ type: 'text', text: message.content }]
      : message.content.map((block) => {
          if (!('cache_control' in block)) return block;
          const copy = { ...block };
          delete (copy as { cache_control?: unknown }).cache_control;
          return copy;
        });
  return { role: message.role, content };
}
