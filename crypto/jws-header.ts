/**
 * The protected header of a compact JWS, decoded by jose and kept for the last token seen: one verification asks for
 * the same token's header several times (VC 1.1 JWT or VC-JOSE-COSE? which key? which typ?), and each decoding is a
 * base64url and JSON pass. The header is frozen, since every caller shares it. Throws as decodeProtectedHeader does.
 */
import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { deepFreeze } from '../core/deep-freeze.ts';

let lastToken = '';
let lastHeader: Readonly<ProtectedHeaderParameters> | null = null;

export function protectedHeaderOf(jwt: string): Readonly<ProtectedHeaderParameters> {
  if (jwt === lastToken && lastHeader) return lastHeader;
  const header = deepFreeze(decodeProtectedHeader(jwt));
  lastToken = jwt;
  lastHeader = header;
  return header;
}
