/** The HTTP side of the fake: routing, header checks, faults, responses. */
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { PromptCache } from './cache.ts';
import { ApiError, errorBody, newId } from './errors.ts';
import { betas, checkAuth, checkBrowserAccess, checkVersion } from './headers.ts';
import { checkRequest } from './request.ts';
import { answer, organizationId } from './answer.ts';
import { isObject, onlyKeys, type Json } from './shape.ts';
import { promptElements } from './tokens.ts';
import type {
  FakeAnthropic,
  FakeAnthropicOptions,
  MessagesRequest,
  Policy,
  RecordedRequest,
  Turn,
} from './types.ts';

/** "The maximum request size is 32 MB for standard API endpoints": https://docs.claude.com/en/api/errors */
const maxBodyBytes = 32 * 1024 * 1024;

/** Body params of count_tokens (SDK MessageCountTokensParams); no max_tokens, no stream. */
const countTokensKeys = [
  'messages',
  'model',
  'billing_policy',
  'cache_control',
  'compaction',
  'context_management',
  'mcp_servers',
  'output_config',
  'output_format',
  'speed',
  'system',
  'thinking',
  'tool_choice',
  'tools',
];

class FakeServer {
  readonly requests: RecordedRequest[] = [];
  readonly #cache: PromptCache;
  #turns = 0;

  constructor(
    private readonly apiKey: string,
    public policy: Policy,
    now: () => number,
  ) {
    this.#cache = new PromptCache(now);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newId('req');
    const record: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: undefined,
      requestId,
      status: 0,
    };
    this.requests.push(record);
    // The API's CORS answer once a browser opted in (https://github.com/open-pencil/open-pencil/issues/436).
    const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' };
    const send = (status: number, body: string, headers: OutgoingHttpHeaders = {}): void => {
      record.status = status;
      res.writeHead(status, {
        'request-id': requestId,
        'anthropic-organization-id': organizationId,
        ...headers,
      });
      res.end(body);
    };
    const sendError = (e: ApiError, headers: OutgoingHttpHeaders = cors): void =>
      send(e.status, errorBody(e.type, e.message, requestId), {
        'content-type': 'application/json',
        ...headers,
      });

    if (req.method === 'OPTIONS') {
      // Preflight: permissive, so a page or extension can call the fake.
      return send(204, '', {
        ...cors,
        'access-control-allow-methods': 'POST, GET, OPTIONS, PUT, PATCH, HEAD, DELETE',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '2592000',
      });
    }
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const route =
      req.method === 'POST' && (path === '/v1/messages' || path === '/v1/messages/count_tokens');
    if (!route) return sendError(new ApiError(404, 'Not Found'));
    try {
      checkBrowserAccess(req.headers);
    } catch (e) {
      // Without the opt-in the API sends no CORS headers, so a browser sees a network error.
      return sendError(e as ApiError, {});
    }
    try {
      checkAuth(req.headers, this.apiKey);
      checkVersion(req.headers);
      const raw = await readBody(req);
      const body = parseJson(raw);
      record.body = body;
      if (path === '/v1/messages/count_tokens')
        return send(200, this.#countTokens(body, betas(req.headers)), {
          ...cors,
          'content-type': 'application/json',
        });
      const checked = checkRequest(body, betas(req.headers));
      this.#turns += 1;
      record.turn = this.#turns;
      const turn = await this.#ask(checked.request, record.turn);
      const elements = promptElements(body as Json, checked.walk, checked.autoCacheTtl);
      const plan = this.#cache.plan(checked.request.model, elements);
      return answer({ turn, request: checked.request, plan, record, req, res, send, cors });
    } catch (e) {
      if (e instanceof ApiError) return sendError(e);
      throw e;
    }
  }

  async #ask(request: MessagesRequest, turn: number): Promise<Turn> {
    try {
      return await this.policy(request, { turn, requests: this.requests });
    } catch (e) {
      throw new ApiError(
        500,
        `fake-anthropic: policy failed on turn ${turn}: ${(e as Error).message}`,
      );
    }
  }

  #countTokens(body: unknown, betaSet: ReadonlySet<string>): string {
    if (isObject(body)) onlyKeys(body, '', countTokensKeys);
    const checked = checkRequest({ ...(body as Json), max_tokens: 1_000_000 }, betaSet);
    const elements = promptElements(body as Json, checked.walk, checked.autoCacheTtl);
    const total = elements.reduce((n, e) => n + e.tokens, 0);
    return JSON.stringify({ input_tokens: total, context_management: null });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) parts.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBodyBytes)
        reject(new ApiError(413, 'Request exceeds the maximum allowed number of bytes.'));
      else resolve(Buffer.concat(parts).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    // Wording is the fake's own; the real message for a non-JSON body was not found.
    throw new ApiError(
      400,
      'There was an issue with the format of your request: the body is not valid JSON',
    );
  }
}

export async function startServer(options: FakeAnthropicOptions): Promise<FakeAnthropic> {
  const noPolicy: Policy = () => {
    throw new Error('no policy set: pass one to startFakeAnthropic or call setPolicy');
  };
  const fake = new FakeServer(
    options.apiKey ?? 'sk-ant-test-key',
    options.policy ?? noPolicy,
    options.now ?? Date.now,
  );
  const server = createServer((req, res) => {
    fake.handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
      else res.destroy();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: fake.requests,
    setPolicy: (p) => {
      fake.policy = p;
    },
    close: () =>
      new Promise<void>((ok) => {
        // Hung requests keep their sockets open; drop them so close() returns.
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
