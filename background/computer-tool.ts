/**
 * The `computer` tool as the Messages API sees it: the definition sent with every
 * request (https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool),
 * and how one of Claude's calls to it reads in the transcript.
 */
import type {
  BetaToolUnion,
  BetaToolUseBlock,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import type { Size } from '../extension/geometry.ts';

/** The tool definition; `size` is the screenshot Claude sees, model-image pixels. */
export function computerTool(
  toolType: 'computer_20251124' | 'computer_20250124',
  size: Size,
  zoom: boolean,
): BetaToolUnion {
  if (toolType === 'computer_20251124') {
    return {
      type: toolType,
      name: 'computer',
      display_width_px: size.width,
      display_height_px: size.height,
      ...(zoom ? { enable_zoom: true } : {}),
    };
  }
  return {
    type: toolType,
    name: 'computer',
    display_width_px: size.width,
    display_height_px: size.height,
  };
}

/** `left_click (512, 300)` — for the transcript. */
export function describeToolUse(use: BetaToolUseBlock): string {
  const input = (typeof use.input === 'object' && use.input !== null ? use.input : {}) as Record<
    string,
    unknown
  >;
  const action = typeof input['action'] === 'string' ? input['action'] : use.name;
  const parts: string[] = [action];
  const coordinate = input['coordinate'];
  if (Array.isArray(coordinate)) parts.push(`(${coordinate.join(', ')})`);
  const text = input['text'];
  if (typeof text === 'string')
    parts.push(JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text));
  if (typeof input['scroll_direction'] === 'string') {
    parts.push(`${input['scroll_direction']} ${String(input['scroll_amount'] ?? '')}`.trim());
  }
  return parts.join(' ');
}
