/** Header checks the real API makes before it reads the body. */
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.ts';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The docs name `x-api-key` (https://docs.claude.com/en/api/overview). The
 * installed SDK (v1.x, API version 2026-10-21) sends its key as
 * `Authorization: Bearer <key>` instead (node_modules/@anthropic-ai/sdk/src/client.ts,
 * `apiKeyAuth`), so both are taken. Messages are the real ones: "x-api-key header
 * is required", "invalid x-api-key", and "Invalid bearer token" for a bad bearer.
 */
export function checkAuth(headers: IncomingHttpHeaders, apiKey: string): void {
  const key = header(headers, 'x-api-key');
  const authorization = header(headers, 'authorization');
  if (key !== undefined) {
    if (key !== apiKey) throw new ApiError(401, 'invalid x-api-key');
    return;
  }
  if (authorization !== undefined) {
    const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (bearer !== apiKey) throw new ApiError(401, 'Invalid bearer token');
    return;
  }
  throw new ApiError(401, 'x-api-key header is required');
}

/**
 * A request with an Origin (a web page or extension) must opt in, or the API
 * answers 401 "CORS requests must set 'anthropic-dangerous-direct-browser-access'
 * header" (https://github.com/ChatGPTNextWeb/NextChat/issues/5429).
 */
export function checkBrowserAccess(headers: IncomingHttpHeaders): void {
  if (header(headers, 'origin') === undefined) return;
  if (header(headers, 'anthropic-dangerous-direct-browser-access') === 'true') return;
  throw new ApiError(
    401,
    "CORS requests must set 'anthropic-dangerous-direct-browser-access' header",
  );
}

/** Required on every request: https://docs.claude.com/en/api/versioning. */
export function checkVersion(headers: IncomingHttpHeaders): void {
  const version = header(headers, 'anthropic-version');
  if (version === undefined || version === '') {
    throw new ApiError(400, 'anthropic-version: header is required');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) {
    throw new ApiError(400, `anthropic-version: invalid version '${version}'`);
  }
}

/** `anthropic-beta` is a comma-separated list, as the SDK sends `betas` joined by commas. */
export function betas(headers: IncomingHttpHeaders): ReadonlySet<string> {
  const value = header(headers, 'anthropic-beta') ?? '';
  return new Set(
    value
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== ''),
  );
}
