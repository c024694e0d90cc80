/**
 * Screenshots: capture the visible tab, scale it to the model's image size and
 * draw the pointer into it. Drawing happens here on an OffscreenCanvas, never in
 * the page, so the page cannot see or react to our cursor.
 */
import {
  fitImage,
  type ModelPoint,
  type ScreenGeometry,
  type Size,
} from '../extension/geometry.ts';
import type { ModelProfile } from '../extension/models.ts';
import { RateGate } from './rate-gate.ts';
import type { Rect } from '../extension/protocol.ts';
import { TabError } from './errors.ts';
import { pageUnavailable } from './page-port.ts';

export interface Shot {
  /** PNG bytes, base64, as the Messages API takes them. */
  readonly base64: string;
  readonly mediaType: 'image/png';
  readonly geometry: ScreenGeometry;
  /** Size of the raw capture, device pixels. */
  readonly capture: Size;
}

// 2 calls a second: keep a little margin over 500 ms.
const captureGate = new RateGate(520);

export async function captureVisible(windowId: number): Promise<ImageBitmap> {
  await captureGate.take();
  let dataUrl: string;
  try {
    dataUrl = await chrome.tabs.captureVisibleTab(windowId, { format: 'png' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Chrome says "view is invisible" when the tab has no page to show: it crashed
    // (the "Aw, Snap!" page) or its window is minimized.
    if (/invisible/i.test(message)) throw pageUnavailable();
    throw new TabError(`Could not capture the tab: ${message}`);
  }
  const blob = await (await fetch(dataUrl)).blob();
  return createImageBitmap(blob);
}

export async function takeShot(options: {
  readonly windowId: number;
  readonly viewport: Size;
  readonly profile: ModelProfile;
  readonly cursor?: ModelPoint;
  /** Viewport CSS rectangles painted over before the image leaves the browser (password, card fields). */
  readonly masks?: readonly Rect[];
  /** A point to ring in red (the target of an action the user is asked about). */
  readonly marker?: ModelPoint;
}): Promise<Shot> {
  const bitmap = await captureVisible(options.windowId);
  try {
    const capture = { width: bitmap.width, height: bitmap.height };
    const image = fitImage(capture, options.profile.image);
    const sx = image.width / options.viewport.width;
    const sy = image.height / options.viewport.height;
    const masks = (options.masks ?? []).map((r) => ({
      x: r.x * sx,
      y: r.y * sy,
      width: r.width * sx,
      height: r.height * sy,
    }));
    const base64 = await render(bitmap, { x: 0, y: 0, ...capture }, image, {
      cursor: options.cursor,
      masks,
      marker: options.marker,
    });
    return {
      base64,
      mediaType: 'image/png',
      geometry: { image, viewport: options.viewport },
      capture,
    };
  } finally {
    bitmap.close();
  }
}

/**
 * A region of the screen (model pixels of `geometry`) shown at the most detail
 * the model takes: cropped from a fresh full-resolution capture.
 */
export async function takeZoom(options: {
  readonly windowId: number;
  readonly geometry: ScreenGeometry;
  readonly region: { x0: number; y0: number; x1: number; y1: number };
  readonly profile: ModelProfile;
}): Promise<{ base64: string; mediaType: 'image/png'; size: Size }> {
  const bitmap = await captureVisible(options.windowId);
  try {
    const fx = bitmap.width / options.geometry.image.width;
    const fy = bitmap.height / options.geometry.image.height;
    const { x0, y0, x1, y1 } = options.region;
    const source = { x: x0 * fx, y: y0 * fy, width: (x1 - x0) * fx, height: (y1 - y0) * fy };
    const size = fitImage(
      {
        width: Math.max(1, Math.round(source.width)),
        height: Math.max(1, Math.round(source.height)),
      },
      options.profile.image,
    );
    return { base64: await render(bitmap, source, size, {}), mediaType: 'image/png', size };
  } finally {
    bitmap.close();
  }
}

async function render(
  bitmap: ImageBitmap,
  source: { x: number; y: number; width: number; height: number },
  size: Size,
  overlay: { cursor?: ModelPoint; masks?: readonly Rect[]; marker?: ModelPoint },
): Promise<string> {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('OffscreenCanvas 2d context unavailable');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(
    bitmap,
    source.x,
    source.y,
    source.width,
    source.height,
    0,
    0,
    size.width,
    size.height,
  );
  for (const m of overlay.masks ?? []) {
    ctx.fillStyle = '#3f3f46';
    ctx.fillRect(Math.floor(m.x), Math.floor(m.y), Math.ceil(m.width) + 1, Math.ceil(m.height) + 1);
  }
  if (overlay.marker) {
    ctx.strokeStyle = '#dc2626';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(overlay.marker.x + 0.5, overlay.marker.y + 0.5, 18, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (overlay.cursor) drawPointer(ctx, overlay.cursor);
  return blobToBase64(await canvas.convertToBlob({ type: 'image/png' }));
}

/** A classic arrow pointer with its tip on the pixel, white with a dark outline. */
function drawPointer(ctx: OffscreenCanvasRenderingContext2D, p: ModelPoint): void {
  const shape = [
    [0, 0],
    [0, 16],
    [4, 12],
    [7, 18],
    [9, 17],
    [6, 11],
    [11, 11],
  ] as const;
  ctx.save();
  ctx.translate(p.x + 0.5, p.y + 0.5);
  ctx.beginPath();
  for (const [i, [x, y]] of shape.entries()) {
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#000000';
  ctx.lineWidth = 1;
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
