/** Helpers for writing policies: look at what the extension sent, script replies. */
import type {
  BetaContentBlockParam,
  BetaImageBlockParam,
  BetaToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import { PNG } from 'pngjs';
import { decodeBase64, imageInfo, type ImageInfo } from './image-info.ts';
import type { MessagesRequest, Policy, Turn } from './types.ts';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes a pixel, row by row. */
  readonly data: Buffer;
}

function lastUserBlocks(req: MessagesRequest): BetaContentBlockParam[] {
  const message = req.messages.findLast((m) => m.role === 'user');
  const content = message?.content;
  return Array.isArray(content) ? (content as BetaContentBlockParam[]) : [];
}

/** Image blocks of the newest user message, in order, including those inside tool results. */
function lastUserImageBlocks(req: MessagesRequest): BetaImageBlockParam[] {
  const images: BetaImageBlockParam[] = [];
  for (const block of lastUserBlocks(req)) {
    if (block.type === 'image') images.push(block);
    if (block.type === 'tool_result' && Array.isArray(block.content)) {
      for (const inner of block.content) if (inner.type === 'image') images.push(inner);
    }
  }
  return images;
}

function lastImageBytes(req: MessagesRequest): Buffer | null {
  const source = lastUserImageBlocks(req).at(-1)?.source;
  return source?.type === 'base64' ? decodeBase64(source.data) : null;
}

/** Format and size of the newest image in the newest user message (any format). */
export function lastUserImageInfo(req: MessagesRequest): ImageInfo | null {
  const bytes = lastImageBytes(req);
  return bytes && imageInfo(bytes);
}

/** The newest image in the newest user message, decoded; null when there is none or it is not PNG. */
export function lastUserImage(req: MessagesRequest): DecodedImage | null {
  const bytes = lastImageBytes(req);
  if (!bytes || imageInfo(bytes)?.mediaType !== 'image/png') return null;
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

/**
 * Centroid of the pixels within `tolerance` (per channel) of `color`, or null
 * when none match. Fully transparent pixels never match.
 */
export function findColor(
  img: DecodedImage,
  color: { r: number; g: number; b: number },
  tolerance = 0,
): { x: number; y: number; count: number } | null {
  let sumX = 0;
  let sumY = 0;
  let count = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const close =
        Math.abs((img.data[i] ?? 0) - color.r) <= tolerance &&
        Math.abs((img.data[i + 1] ?? 0) - color.g) <= tolerance &&
        Math.abs((img.data[i + 2] ?? 0) - color.b) <= tolerance &&
        (img.data[i + 3] ?? 0) > 0;
      if (close) {
        sumX += x;
        sumY += y;
        count += 1;
      }
    }
  }
  return count ? { x: sumX / count, y: sumY / count, count } : null;
}

/** The tool_result blocks of the newest user message. */
export function lastToolResults(req: MessagesRequest): BetaToolResultBlockParam[] {
  return lastUserBlocks(req).filter((b): b is BetaToolResultBlockParam => b.type === 'tool_result');
}

/** Plays `turns` in order, one per request; a function entry is asked for its turn. */
export function scripted(turns: ReadonlyArray<Turn | Policy>): Policy {
  let next = 0;
  return (req, ctx) => {
    const step = turns[next];
    if (step === undefined) {
      throw new Error(
        `scripted policy has ${turns.length} turn(s) and was asked for turn ${next + 1}`,
      );
    }
    next += 1;
    return typeof step === 'function' ? step(req, ctx) : step;
  };
}
