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
import { copyMessage } from '../background/context-policy.ts';

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
