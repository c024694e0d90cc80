/**
 * Reads an image's real format and size from its bytes, so the fake can refuse
 * what the API refuses: bytes that are not the declared media type, and images
 * past the size limits.
 */

export type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

export interface ImageInfo {
  readonly mediaType: ImageMediaType;
  readonly width: number;
  readonly height: number;
}

/** Strict base64: the API takes bare base64, not a data: URL, and no whitespace. */
export function decodeBase64(data: string): Buffer | null {
  if (data.length === 0 || data.length % 4 !== 0) return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return null;
  return Buffer.from(data, 'base64');
}

/** Format and size from the header bytes, or null when they are no image the API takes. */
export function imageInfo(bytes: Buffer): ImageInfo | null {
  return png(bytes) ?? gif(bytes) ?? jpeg(bytes) ?? webp(bytes);
}

function png(b: Buffer): ImageInfo | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || signature.some((v, i) => b[i] !== v)) return null;
  if (b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { mediaType: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function gif(b: Buffer): ImageInfo | null {
  const head = b.toString('latin1', 0, 6);
  if (b.length < 10 || (head !== 'GIF87a' && head !== 'GIF89a')) return null;
  return { mediaType: 'image/gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

function jpeg(b: Buffer): ImageInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  // Walk the marker segments to the first start-of-frame, which holds the size.
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = b.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      return {
        mediaType: 'image/jpeg',
        width: b.readUInt16BE(at + 7),
        height: b.readUInt16BE(at + 5),
      };
    }
    at += 2 + length;
  }
  return null;
}

function webp(b: Buffer): ImageInfo | null {
  if (
    b.length < 30 ||
    b.toString('latin1', 0, 4) !== 'RIFF' ||
    b.toString('latin1', 8, 12) !== 'WEBP'
  ) {
    return null;
  }
  const chunk = b.toString('latin1', 12, 16);
  const byte = (i: number): number => b[i] ?? 0;
  if (chunk === 'VP8 ') {
    return {
      mediaType: 'image/webp',
      width: b.readUInt16LE(26) & 0x3fff,
      height: b.readUInt16LE(28) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    const width = 1 + (((byte(22) & 0x3f) << 8) | byte(21));
    const height = 1 + (((byte(24) & 0x0f) << 10) | (byte(23) << 2) | ((byte(22) & 0xc0) >> 6));
    return { mediaType: 'image/webp', width, height };
  }
  if (chunk === 'VP8X') {
    const width = 1 + (byte(24) | (byte(25) << 8) | (byte(26) << 16));
    const height = 1 + (byte(27) | (byte(28) << 8) | (byte(29) << 16));
    return { mediaType: 'image/webp', width, height };
  }
  return null;
}
