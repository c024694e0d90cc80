/** The fake Messages API, driven by the real SDK. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type {
  BetaMessageParam,
  BetaToolUnion,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import { PNG } from 'pngjs';
import {
  findColor,
  lastToolResults,
  lastUserImage,
  scripted,
  startFakeAnthropic,
  type FakeAnthropic,
} from '../support/fake-anthropic/index.ts';

const apiKey = 'sk-ant-test-key';
const model = 'claude-sonnet-4-6';
const betas = ['computer-use-2025-11-24'];
const computer: BetaToolUnion = {
  type: 'computer_20251124',
  name: 'computer',
  display_width_px: 1024,
  display_height_px: 768,
};

let fake: FakeAnthropic;
let client: Anthropic;

before(async () => {
  fake = await startFakeAnthropic({ apiKey });
  client = new Anthropic({ apiKey, baseURL: fake.url, maxRetries: 0 });
});
after(() => fake.close());

/** A PNG with a red 20x10 square at x 40..59, y 20..29 on white. */
function screenshot(width = 100, height = 50): string {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const red = x >= 40 && x < 60 && y >= 20 && y < 30;
      png.data[i] = 255;
      png.data[i + 1] = red ? 0 : 255;
      png.data[i + 2] = red ? 0 : 255;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png).toString('base64');
}

/** The `error.message` of the API's error body. */
function apiMessage(error: InstanceType<typeof Anthropic.APIError>): string {
  return (error.error as { error: { message: string } }).error.message;
}

async function rejection(
  promise: Promise<unknown>,
): Promise<InstanceType<typeof Anthropic.APIError>> {
  const error = await promise.then(
    () => assert.fail('expected the request to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof Anthropic.APIError, `not an APIError: ${String(error)}`);
  return error;
}

test('a streamed tool_use turn reaches the SDK whole, text deltas first', async () => {
  fake.setPolicy(
    scripted([
      {
        text: 'I will click the button now.',
        toolUses: [{ name: 'computer', input: { action: 'left_click', coordinate: [10, 20] } }],
      },
    ]),
  );
  const stream = client.beta.messages.stream({
    model,
    max_tokens: 1024,
    betas,
    tools: [computer],
    messages: [{ role: 'user', content: 'Click the button.' }],
  });
  const deltas: string[] = [];
  stream.on('text', (delta) => deltas.push(delta));
  const message = await stream.finalMessage();
  assert.ok(deltas.length > 1, 'text should arrive in several deltas');
  assert.equal(deltas.join(''), 'I will click the button now.');
  assert.equal(message.stop_reason, 'tool_use');
  const [text, use] = message.content;
  assert.equal(text?.type, 'text');
  assert.equal(use?.type, 'tool_use');
  if (use?.type !== 'tool_use') return;
  assert.match(use.id, /^toolu_/);
  assert.deepEqual(use.input, { action: 'left_click', coordinate: [10, 20] });
  assert.ok(message.usage.output_tokens > 0);
  assert.ok(message.usage.input_tokens > 346, 'tools add the tool-use system prompt');
  const sent = fake.requests.at(-1);
  assert.match(String(sent?.headers['anthropic-beta']), /computer-use-2025-11-24/);
  assert.equal(sent?.status, 200);
});

test('a screenshot in a tool_result drives the next click; non-streaming answer', async () => {
  fake.setPolicy(
    scripted([
      (req) => {
        const [result] = lastToolResults(req);
        assert.equal(result?.tool_use_id, 'toolu_01Screenshot');
        const img = lastUserImage(req);
        assert.ok(img);
        const red = findColor(img, { r: 255, g: 0, b: 0 }, 10);
        assert.ok(red);
        return {
          toolUses: [
            { name: 'computer', input: { action: 'left_click', coordinate: [red.x, red.y] } },
          ],
        };
      },
    ]),
  );
  const messages: BetaMessageParam[] = [
    { role: 'user', content: 'Click the red square.' },
    {
      role: 'assistant',
      content: [
        {
          type: 'tool_use',
          id: 'toolu_01Screenshot',
          name: 'computer',
          input: { action: 'screenshot' },
        },
      ],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_01Screenshot',
          content: [
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: screenshot() },
            },
          ],
        },
      ],
    },
  ];
  const { data, response } = await client.beta.messages
    .create({ model, max_tokens: 1024, betas, tools: [computer], messages })
    .withResponse();
  assert.match(response.headers.get('request-id') ?? '', /^req_/);
  assert.equal(data.type, 'message');
  assert.match(data.id, /^msg_/);
  assert.equal(data.stop_reason, 'tool_use');
  assert.equal(data.stop_sequence, null);
  const use = data.content[0];
  assert.equal(use?.type, 'tool_use');
  if (use?.type === 'tool_use')
    assert.deepEqual(use.input, { action: 'left_click', coordinate: [49.5, 24.5] });
  assert.equal(data.usage.cache_read_input_tokens, 0);
});

test('findColor finds a square and its size, or nothing', () => {
  const png = PNG.sync.read(Buffer.from(screenshot(), 'base64'));
  const img = { width: png.width, height: png.height, data: png.data };
  assert.deepEqual(findColor(img, { r: 255, g: 0, b: 0 }, 0), { x: 49.5, y: 24.5, count: 200 });
  assert.equal(findColor(img, { r: 0, g: 0, b: 255 }, 30), null);
});

test('a wrong key is a 401 AuthenticationError with a request id', async () => {
  const wrong = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: fake.url, maxRetries: 0 });
  const error = await rejection(
    wrong.beta.messages.create({
      model,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  );
  assert.ok(error instanceof Anthropic.AuthenticationError);
  assert.equal(error.status, 401);
  assert.match(error.requestID ?? '', /^req_/);
  assert.deepEqual((error.error as { error: unknown }).error, {
    type: 'authentication_error',
    message: 'Invalid bearer token',
  });
});

test('a computer tool without its beta header is a 400', async () => {
  const error = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      tools: [computer],
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  );
  assert.ok(error instanceof Anthropic.BadRequestError);
  assert.match(
    apiMessage(error),
    /tools\.0: Input tag 'computer_20251124' found using 'type' does not match/,
  );
});

test('enable_zoom exists only on computer_20251124', async () => {
  const old = {
    ...computer,
    type: 'computer_20250124',
    enable_zoom: true,
  } as unknown as BetaToolUnion;
  const error = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      betas: ['computer-use-2025-01-24'],
      tools: [old],
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  );
  assert.match(
    apiMessage(error),
    /tools\.0\.computer_20250124\.enable_zoom: Extra inputs are not permitted/,
  );
});

test('an unanswered tool_use is a 400; so is a tool_result without its tool_use', async () => {
  const ask: BetaMessageParam = {
    role: 'assistant',
    content: [{ type: 'tool_use', id: 'toolu_01A', name: 'computer', input: {} }],
  };
  const unanswered = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      betas,
      tools: [computer],
      messages: [{ role: 'user', content: 'Hi' }, ask, { role: 'user', content: 'Go on' }],
    }),
  );
  assert.equal(unanswered.status, 400);
  assert.match(
    apiMessage(unanswered),
    /messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A/,
  );

  const late = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      betas,
      tools: [computer],
      messages: [
        { role: 'user', content: 'Hi' },
        ask,
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Done:' },
            { type: 'tool_result', tool_use_id: 'toolu_01A' },
          ],
        },
      ],
    }),
  );
  assert.match(
    apiMessage(late),
    /messages\.2: Did not find 1 tool_result block\(s\) at the beginning of this message/,
  );

  const orphan = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_01B', content: 'ok' }],
        },
      ],
    }),
  );
  assert.match(
    apiMessage(orphan),
    /messages\.0\.content\.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01B/,
  );
});

test('image bytes must be base64 of the declared type', async () => {
  const send = (media_type: 'image/png' | 'image/jpeg', data: string) =>
    rejection(
      client.beta.messages.create({
        model,
        max_tokens: 10,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'base64', media_type, data } }],
          },
        ],
      }),
    );
  assert.match(apiMessage(await send('image/png', 'not base64!')), /Could not process image/);
  const png = screenshot();
  assert.match(
    apiMessage(await send('image/png', `data:image/png;base64,${png}`)),
    /Could not process image/,
  );
  const mismatch = await send('image/jpeg', png);
  assert.match(
    apiMessage(mismatch),
    /image\.source\.base64: The image was specified using the image\/jpeg media type, but the image appears to be a image\/png image/,
  );
  const wide = screenshot(8001, 1);
  assert.match(
    apiMessage(await send('image/png', wide)),
    /At least one of the image dimensions exceed max allowed size: 8000 pixels/,
  );
});

test('roles: the first must be user; consecutive same-role turns are merged, not refused', async () => {
  const error = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      messages: [
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Hi' },
      ],
    }),
  );
  assert.match(apiMessage(error), /first message must use the "user" role/);
  fake.setPolicy(scripted([{ text: 'Both read.' }]));
  const ok = await client.beta.messages.create({
    model,
    max_tokens: 10,
    messages: [
      { role: 'user', content: 'One' },
      { role: 'user', content: 'Two' },
    ],
  });
  assert.equal(ok.stop_reason, 'end_turn');
});

test('unknown top-level fields and empty text are refused', async () => {
  const extra = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.2,
    } as never),
  );
  assert.match(apiMessage(extra), /temperature: Extra inputs are not permitted/);
  const empty = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }],
    }),
  );
  assert.match(apiMessage(empty), /text content blocks must be non-empty/);
});

test('an error turn answers its status, type and retry-after', async () => {
  fake.setPolicy(
    scripted([
      { error: { status: 429, type: 'rate_limit_error', message: 'Slow down' }, retryAfter: 7 },
    ]),
  );
  const error = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  );
  assert.ok(error instanceof Anthropic.RateLimitError);
  assert.equal(error.headers?.get('retry-after'), '7');
  assert.deepEqual(error.error, {
    type: 'error',
    error: { type: 'rate_limit_error', message: 'Slow down' },
    request_id: fake.requests.at(-1)?.requestId,
  });
});

test('a scripted policy past its end fails loudly', async () => {
  fake.setPolicy(scripted([]));
  const error = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  );
  assert.equal(error.status, 500);
  assert.match(apiMessage(error), /scripted policy has 0 turn\(s\) and was asked for turn 1/);
});

test('faults: reset, bad JSON, a cut stream and a hang', async () => {
  fake.setPolicy(
    scripted([
      { fault: 'reset' },
      { fault: 'bad-json' },
      { fault: 'cut-stream' },
      { fault: 'hang' },
    ]),
  );
  const ask = { model, max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hi' }] };
  await assert.rejects(client.beta.messages.create(ask), Anthropic.APIConnectionError);
  await assert.rejects(client.beta.messages.create(ask), SyntaxError);
  await assert.rejects(client.beta.messages.stream(ask).finalMessage(), /terminated/);
  const quick = new Anthropic({ apiKey, baseURL: fake.url, maxRetries: 0, timeout: 300 });
  await assert.rejects(quick.beta.messages.create(ask), Anthropic.APIConnectionTimeoutError);
});

test('prompt caching: a second identical prefix is read from the cache, until the TTL passes', async () => {
  let now = 1_000_000;
  const local = await startFakeAnthropic({
    apiKey,
    now: () => now,
    policy: () => ({ text: 'Ok.' }),
  });
  try {
    const c = new Anthropic({ apiKey, baseURL: local.url, maxRetries: 0 });
    const system = [
      {
        type: 'text' as const,
        text: 'Rules. '.repeat(700),
        cache_control: { type: 'ephemeral' as const },
      },
    ];
    const ask = (text: string) =>
      c.beta.messages.create({
        model,
        max_tokens: 10,
        system,
        messages: [{ role: 'user', content: text }],
      });
    const first = await ask('First question');
    assert.ok(
      first.usage.cache_creation_input_tokens! >= 1024,
      'the system prompt is written to the cache',
    );
    assert.equal(first.usage.cache_read_input_tokens, 0);
    const second = await ask('Second question');
    assert.equal(second.usage.cache_read_input_tokens, first.usage.cache_creation_input_tokens);
    assert.equal(second.usage.cache_creation_input_tokens, 0);
    assert.equal(
      second.usage.input_tokens,
      first.usage.input_tokens,
      'only the uncached question is input',
    );
    now += 6 * 60_000;
    const third = await ask('Third question');
    assert.equal(third.usage.cache_read_input_tokens, 0, 'entries expire after 5 minutes');
    assert.ok(third.usage.cache_creation_input_tokens! > 0);

    const short = [
      {
        type: 'text' as const,
        text: 'Too short to cache.',
        cache_control: { type: 'ephemeral' as const },
      },
    ];
    const small = await c.beta.messages.create({
      model,
      max_tokens: 10,
      system: short,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    assert.equal(small.usage.cache_creation_input_tokens, 0, 'below the minimum cacheable length');
  } finally {
    await local.close();
  }
});

test('automatic caching: a growing agent loop reads the previous turn back', async () => {
  const local = await startFakeAnthropic({ apiKey, policy: () => ({ text: 'Ok.' }) });
  try {
    const c = new Anthropic({ apiKey, baseURL: local.url, maxRetries: 0 });
    const first: BetaMessageParam[] = [{ role: 'user', content: 'Context. '.repeat(600) }];
    const ask = (messages: BetaMessageParam[]) =>
      c.beta.messages.create({
        model,
        max_tokens: 10,
        betas,
        tools: [computer],
        cache_control: { type: 'ephemeral' },
        messages,
      });
    const one = await ask(first);
    assert.equal(one.usage.cache_read_input_tokens, 0);
    const written = one.usage.cache_creation_input_tokens ?? 0;
    assert.ok(written > 1024);
    const two = await ask([
      ...first,
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_01S', name: 'computer', input: { action: 'screenshot' } },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_01S', content: 'Took a screenshot.' }],
      },
    ]);
    assert.equal(two.usage.cache_read_input_tokens, written);
    assert.ok((two.usage.cache_creation_input_tokens ?? 0) > 0, 'the new turn is written too');
  } finally {
    await local.close();
  }
});

test('more than 4 cache breakpoints is a 400', async () => {
  const cc = { type: 'ephemeral' as const };
  const system = [1, 2, 3, 4, 5].map((n) => ({
    type: 'text' as const,
    text: `Part ${n}`,
    cache_control: cc,
  }));
  const error = await rejection(
    client.beta.messages.create({
      model,
      max_tokens: 10,
      system,
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  );
  assert.match(
    apiMessage(error),
    /A maximum of 4 blocks with cache_control may be provided\. Found 5\./,
  );
});

test('count_tokens counts an image as width*height/750', async () => {
  const counted = await client.beta.messages.countTokens({
    model,
    messages: [
      {
        role: 'user',
        content: [
          {
            type: 'image',
            source: { type: 'base64', media_type: 'image/png', data: screenshot(750, 100) },
          },
        ],
      },
    ],
  });
  assert.equal(counted.input_tokens, 100);
});

test('raw HTTP: version header, browser opt-in, preflight and routes', async () => {
  const body = JSON.stringify({
    model,
    max_tokens: 10,
    messages: [{ role: 'user', content: 'Hi' }],
  });
  const post = (headers: Record<string, string>, path = '/v1/messages') =>
    fetch(`${fake.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers },
    });

  const noVersion = await post({});
  assert.equal(noVersion.status, 400);
  assert.deepEqual(((await noVersion.json()) as { error: unknown }).error, {
    type: 'invalid_request_error',
    message: 'anthropic-version: header is required',
  });
  const page = await post({ 'anthropic-version': '2023-06-01', origin: 'chrome-extension://abc' });
  assert.equal(page.status, 401);
  assert.equal(page.headers.get('access-control-allow-origin'), null);
  const missing = await post({ 'anthropic-version': '2023-06-01' }, '/v1/complete');
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('request-id') ?? '', /^req_/);
  const preflight = await fetch(`${fake.url}/v1/messages`, {
    method: 'OPTIONS',
    headers: {
      origin: 'chrome-extension://abc',
      'access-control-request-headers': 'x-api-key,anthropic-version',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
});
