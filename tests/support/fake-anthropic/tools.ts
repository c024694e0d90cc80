/** Checks of `tools` and `tool_choice`: custom tools and the beta computer tools. */
import { ApiError, unmodelled } from './errors.ts';
import { cacheControl, type Walk } from './blocks.ts';
import {
  at,
  boolean,
  integer,
  list,
  object,
  onlyKeys,
  oneOf,
  reject,
  required,
  string,
  tag,
  type Json,
} from './shape.ts';

/**
 * Computer tool version → the beta it needs.
 * https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool.md
 * and .../tool-use/tool-reference.md (computer_20251124 → computer-use-2025-11-24,
 * computer_20250124 → computer-use-2025-01-24); the older
 * https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/computer-use-tool
 * (computer_20241022 → computer-use-2024-10-22).
 */
export const computerBetas: Readonly<Record<string, string>> = {
  computer_20251124: 'computer-use-2025-11-24',
  computer_20250124: 'computer-use-2025-01-24',
  computer_20241022: 'computer-use-2024-10-22',
};

/** Every tool `type` the SDK's BetaToolUnion names, besides custom and computer tools. */
const otherKnownTypes = [
  'bash_20241022',
  'bash_20250124',
  'code_execution_20250522',
  'code_execution_20250825',
  'code_execution_20260120',
  'code_execution_20260521',
  'browser_toolset_20260801',
  'memory_20250818',
  'text_editor_20241022',
  'computer_toolset_20260801',
  'text_editor_20250124',
  'text_editor_20250429',
  'text_editor_20250728',
  'web_search_20250305',
  'web_fetch_20250910',
  'web_search_20260209',
  'web_fetch_20260209',
  'web_fetch_20260309',
  'web_search_20260318',
  'web_fetch_20260318',
  'advisor_20260301',
  'tool_search_tool_bm25_20251119',
  'tool_search_tool_bm25',
  'tool_search_tool_regex_20251119',
  'tool_search_tool_regex',
  'mcp_toolset',
];

function customTool(o: Json, path: string, walk: Walk): string {
  onlyKeys(o, path, [
    'type',
    'name',
    'description',
    'input_schema',
    'cache_control',
    'strict',
    'input_examples',
    'allowed_callers',
    'defer_loading',
    'eager_input_streaming',
  ]);
  const name = string(required(o, 'name', path), at(path, 'name'));
  // The tool-name pattern of the tool-use docs; not re-verified for this API version.
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    reject(at(path, 'name'), "String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
  }
  if (o['description'] !== undefined) string(o['description'], at(path, 'description'));
  const schema = object(required(o, 'input_schema', path), at(path, 'input_schema'));
  oneOf(
    required(schema, 'type', at(path, 'input_schema')),
    ['object'],
    at(at(path, 'input_schema'), 'type'),
  );
  if (o['strict'] !== undefined) boolean(o['strict'], at(path, 'strict'));
  if (o['defer_loading'] === true) throw unmodelled('defer_loading');
  cacheControl(o['cache_control'], at(path, 'cache_control'), walk);
  return name;
}

function computerTool(o: Json, type: string, path: string, walk: Walk): string {
  // enable_zoom exists only on computer_20251124 (SDK type BetaToolComputerUse20251124).
  const zoom = type === 'computer_20251124' ? ['enable_zoom'] : [];
  onlyKeys(o, path, [
    'type',
    'name',
    'display_width_px',
    'display_height_px',
    'display_number',
    'cache_control',
    'allowed_callers',
    'defer_loading',
    'input_examples',
    'strict',
    ...zoom,
  ]);
  const name = oneOf(required(o, 'name', path), ['computer'], at(path, 'name'));
  for (const key of ['display_width_px', 'display_height_px']) {
    const px = integer(required(o, key, path), at(path, key));
    if (px < 1) reject(at(path, key), 'Input should be greater than or equal to 1');
  }
  if (o['display_number'] != null) integer(o['display_number'], at(path, 'display_number'));
  if (o['enable_zoom'] !== undefined) boolean(o['enable_zoom'], at(path, 'enable_zoom'));
  if (o['defer_loading'] === true) throw unmodelled('defer_loading');
  cacheControl(o['cache_control'], at(path, 'cache_control'), walk);
  return name;
}

/** Checks `tools`; returns the tool names. */
export function checkTools(value: unknown, betas: ReadonlySet<string>, walk: Walk): string[] {
  const names: string[] = [];
  list(value, 'tools').forEach((item, i) => {
    const path = at('tools', i);
    const o = object(item, path);
    const type = o['type'] ?? 'custom';
    // Without its beta a computer tool's type is unknown to the API: it answers the
    // tagged-union error, as it does for web_fetch without its beta
    // (https://github.com/anthropics/anthropic-sdk-go/issues/235).
    const enabled = Object.keys(computerBetas).filter((t) => betas.has(computerBetas[t] ?? ''));
    const known = ['custom', ...enabled, ...otherKnownTypes];
    tag({ ...o, type }, path, known);
    if (type === 'custom') names.push(customTool(o, at(path, 'custom'), walk));
    else if (typeof type === 'string' && type in computerBetas)
      names.push(computerTool(o, type, at(path, type), walk));
    else throw unmodelled(`tool type '${String(type)}'`);
  });
  if (new Set(names).size !== names.length)
    throw new ApiError(400, 'tools: Tool names must be unique.');
  return names;
}

export function checkToolChoice(value: unknown, toolNames: readonly string[]): void {
  const o = object(value, 'tool_choice');
  const type = tag(o, 'tool_choice', ['auto', 'any', 'tool', 'none']);
  const path = at('tool_choice', type);
  onlyKeys(
    o,
    path,
    type === 'tool'
      ? ['type', 'name', 'disable_parallel_tool_use']
      : ['type', 'disable_parallel_tool_use'],
  );
  if (o['disable_parallel_tool_use'] !== undefined)
    boolean(o['disable_parallel_tool_use'], at(path, 'disable_parallel_tool_use'));
  if (type === 'tool') {
    const name = string(required(o, 'name', path), at(path, 'name'));
    // Wording is the fake's own; the API's message for this case was not found.
    if (!toolNames.includes(name))
      reject(at(path, 'name'), `Tool '${name}' not found in provided tools`);
  }
}
