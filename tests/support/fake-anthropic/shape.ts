/**
 * Small checks for JSON shapes. Messages follow the API's own validation errors,
 * which name the failing field by its dotted path, e.g.
 * `messages.65.content.1.tool_use.text: Extra inputs are not permitted`
 * (seen in https://github.com/anthropics/claude-code/issues/4378).
 */
import { ApiError } from './errors.ts';

export type Json = Record<string, unknown>;

export function at(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

function fail(path: string, message: string): never {
  throw new ApiError(400, path === '' ? message : `${path}: ${message}`);
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, path: string): Json {
  if (!isObject(value)) fail(path, 'Input should be a valid dictionary');
  return value;
}

/** Rejects keys outside `allowed`, as the API does for unknown fields. */
export function onlyKeys(o: Json, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) fail(at(path, key), 'Extra inputs are not permitted');
  }
}

export function required(o: Json, key: string, path: string): unknown {
  if (!(key in o) || o[key] === undefined) fail(at(path, key), 'Field required');
  return o[key];
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'Input should be a valid string');
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'Input should be a valid boolean');
  return value;
}

export function integer(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    fail(path, 'Input should be a valid integer');
  return value;
}

export function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'Input should be a valid list');
  return value;
}

export function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    const quoted = options.map((o) => `'${o}'`);
    const last = quoted.pop();
    fail(path, `Input should be ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}`);
  }
  return value as T;
}

/** The tagged-union error for a `type` the API does not know at this place. */
export function tag(o: Json, path: string, expected: readonly string[]): string {
  const type = required(o, 'type', path);
  if (typeof type !== 'string' || !expected.includes(type)) {
    fail(
      path,
      `Input tag '${String(type)}' found using 'type' does not match any of the expected tags: ${expected
        .map((t) => `'${t}'`)
        .join(', ')}`,
    );
  }
  return type;
}

export function reject(path: string, message: string): never {
  fail(path, message);
}
