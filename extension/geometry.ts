/**
 * Coordinate spaces, named in the types so a model-image point can never be
 * handed to the page by mistake.
 *
 * - `model`: pixels of the screenshot image the model sees (after scaling).
 * - `viewport`: CSS pixels of the tab's top-level viewport (clientX/clientY).
 * - `frame`: CSS pixels of one frame's own viewport.
 * - `capture`: device pixels of the raw `captureVisibleTab` image.
 */
export type Space = 'model' | 'viewport' | 'frame' | 'capture';

declare const spaceBrand: unique symbol;

export interface Point<S extends Space> {
  readonly x: number;
  readonly y: number;
  readonly [spaceBrand]?: S;
}

export type ModelPoint = Point<'model'>;
export type ViewportPoint = Point<'viewport'>;
export type FramePoint = Point<'frame'>;

export interface Size {
  readonly width: number;
  readonly height: number;
}

export function point<S extends Space>(x: number, y: number): Point<S> {
  return { x, y } as Point<S>;
}

/**
 * What was measured for one screenshot: the image the model saw and the CSS
 * viewport it shows. Mapping uses only these two sizes, so device pixel ratio and
 * page zoom (both already folded into the capture) need no special case.
 */
export interface ScreenGeometry {
  /** Size of the image sent to the model, model pixels. */
  readonly image: Size;
  /** Size of the tab's viewport, CSS pixels (window.innerWidth/innerHeight). */
  readonly viewport: Size;
}

/** Model-image pixel → viewport CSS pixel (fractional; the engine keeps the fraction). */
export function modelToViewport(p: ModelPoint, g: ScreenGeometry): ViewportPoint {
  return point<'viewport'>(
    ((p.x + 0.5) * g.viewport.width) / g.image.width,
    ((p.y + 0.5) * g.viewport.height) / g.image.height,
  );
}

/** Viewport CSS pixel → the model-image pixel that contains it. */
export function viewportToModel(p: ViewportPoint, g: ScreenGeometry): ModelPoint {
  return point<'model'>(
    clamp(Math.floor((p.x * g.image.width) / g.viewport.width), 0, g.image.width - 1),
    clamp(Math.floor((p.y * g.image.height) / g.viewport.height), 0, g.image.height - 1),
  );
}

export interface ImageLimits {
  /** Longest edge allowed, pixels. */
  readonly maxLongEdge: number;
  /** Most pixels allowed (width × height). */
  readonly maxPixels: number;
}

/**
 * The size to scale a capture to: the largest size with the capture's aspect ratio
 * that fits the model's limits, never upscaled. Integer pixels.
 */
export function fitImage(capture: Size, limits: ImageLimits): Size {
  const byEdge = limits.maxLongEdge / Math.max(capture.width, capture.height);
  const byArea = Math.sqrt(limits.maxPixels / (capture.width * capture.height));
  const factor = Math.min(1, byEdge, byArea);
  return {
    width: Math.max(1, Math.floor(capture.width * factor)),
    height: Math.max(1, Math.floor(capture.height * factor)),
  };
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

export function isInside(p: { x: number; y: number }, s: Size): boolean {
  return p.x >= 0 && p.y >= 0 && p.x < s.width && p.y < s.height;
}
