import type { ViewportMetrics } from '../../extension/protocol.ts';

/** The frame's viewport as the background needs it to map screenshot pixels. */
export function measure(): ViewportMetrics {
  return {
    viewport: { width: window.innerWidth, height: window.innerHeight },
    devicePixelRatio: window.devicePixelRatio,
    scroll: { x: window.scrollX, y: window.scrollY },
    url: location.href,
    title: document.title,
  };
}
