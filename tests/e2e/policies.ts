/** Scripted models shared by the end-to-end tests: they see only the screenshots. */
import assert from 'node:assert/strict';
import {
  findColor,
  lastUserImage,
  type MessagesRequest,
  type Policy,
} from '../support/fake-anthropic/index.ts';

export type Rgb = { readonly r: number; readonly g: number; readonly b: number };

/** The fixtures' marker colours: each is unique on its page. */
export const magenta: Rgb = { r: 255, g: 0, b: 255 };
export const cyan: Rgb = { r: 0, g: 255, b: 255 };
export const green: Rgb = { r: 0, g: 255, b: 0 };

/** Where `colour` is in the newest screenshot, model-image pixels. */
export function locate(req: MessagesRequest, colour: Rgb): [number, number] {
  const image = newestImage(req);
  assert.ok(image, 'the request carries a screenshot');
  const hit = findColor(image, colour, 8);
  assert.ok(hit, `colour ${JSON.stringify(colour)} is in the screenshot`);
  return [Math.round(hit.x), Math.round(hit.y)];
}

/** A computer-tool left click on the thing painted `colour`. */
export function clickOn(req: MessagesRequest, colour: Rgb): { name: string; input: unknown } {
  return { name: 'computer', input: { action: 'left_click', coordinate: locate(req, colour) } };
}

/** Which turn of its own run a request is: the fake's counter spans every run of the test file. */
export function turnOf(req: MessagesRequest): number {
  return req.messages.filter((m) => m.role === 'assistant').length + 1;
}

/** Clicks the things painted `colours`, one a turn, then answers `text`. */
export function clickInTurn(colours: readonly Rgb[], text: string): Policy {
  return (req) => {
    const colour = colours[turnOf(req) - 1];
    return colour ? { toolUses: [clickOn(req, colour)] } : { text };
  };
}

/** Clicks the magenta button, clicks the cyan field, types, presses Return, answers. */
export const fillFormPolicy: Policy = (req) => {
  const turn = turnOf(req);
  switch (turn) {
    case 1:
      return {
        text: 'I see a magenta button; clicking it.',
        toolUses: [
          { name: 'computer', input: { action: 'left_click', coordinate: locate(req, magenta) } },
        ],
      };
    case 2:
      return {
        toolUses: [
          { name: 'computer', input: { action: 'left_click', coordinate: locate(req, cyan) } },
        ],
      };
    case 3:
      return {
        toolUses: [{ name: 'computer', input: { action: 'type', text: 'hello tabpilot' } }],
      };
    case 4:
      return { toolUses: [{ name: 'computer', input: { action: 'key', text: 'Return' } }] };
    default:
      return { text: 'I pressed Go and submitted the name.' };
  }
};

/** The newest screenshot anywhere in the conversation (a refused action's result has none). */
export function newestImage(req: MessagesRequest): ReturnType<typeof lastUserImage> {
  for (let i = req.messages.length; i > 0; i--) {
    const image = lastUserImage({ ...req, messages: req.messages.slice(0, i) });
    if (image) return image;
  }
  return null;
}
