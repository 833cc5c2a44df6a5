/**
 * Bakes a credential into a PNG (OB 3.0 §5.3.1 "PNG Baking"): one `iTXt` chunk with keyword `openbadgecredential`,
 * no compression, empty language tag and translated keyword, whose text is the credential as kept (the JSON text of a
 * Data Integrity credential, or the compact JWS of a vc+jwt), inserted just before IEND. An image that carries a
 * credential already has it replaced (the spec lets the baker overwrite), so there is only ever one.
 */
import encodeChunks from 'png-chunks-encode';
import { encodeSync } from 'png-chunk-itxt';
import { isCredentialChunk, PNG_CREDENTIAL_KEYWORD, readPngChunks } from './read-baked-credential.ts';

export function bakePng(png: Uint8Array, credential: string): Uint8Array {
  if (credential.length === 0) throw new TypeError('bakePng: the credential is empty');
  const chunks = readPngChunks(png).filter((chunk) => !isCredentialChunk(chunk));
  const baked = {
    name: 'iTXt',
    data: encodeSync({ keyword: PNG_CREDENTIAL_KEYWORD, compressionFlag: false, compressionMethod: 0, languageTag: '', translatedKeyword: '', text: credential }),
  };
  // readPngChunks ends with IEND.
  return encodeChunks([...chunks.slice(0, -1), baked, chunks[chunks.length - 1]!]);
}
