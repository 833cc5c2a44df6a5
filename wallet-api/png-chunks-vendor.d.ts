// Shims for png-chunks-extract / png-chunks-encode (CommonJS, untyped): a PNG as its list of chunks and back.
declare module 'png-chunks-extract' {
  export interface PngChunk {
    name: string;
    data: Uint8Array;
  }
  /** Throws on a bad signature, a missing IHDR or IEND, or a CRC mismatch. */
  export default function extractChunks(data: Uint8Array): PngChunk[];
}

declare module 'png-chunks-encode' {
  import type { PngChunk } from 'png-chunks-extract';
  export default function encodeChunks(chunks: PngChunk[]): Uint8Array;
}
