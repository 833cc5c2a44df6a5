/**
 * Securing mechanisms of VC-JOSE-COSE we recognise but do not verify (yet): SD-JWT (`vc+sd-jwt`, `vp+sd-jwt`: a
 * compact JWS followed by `~`-separated disclosures) and COSE (`vc+cose`, `vp+cose`: a COSE_Sign1, CBOR tag 18).
 * They are declined with UNSUPPORTED_PROOF, by name, instead of a parsing error.
 */
const SD_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+(~[A-Za-z0-9_-]*)+$/;
const ENVELOPE = /^data:application\/((?:vc|vp)\+(?:sd-jwt|cose))[,;]/;

/** The name of the unsupported mechanism of `value` (a string, or an enveloped data: URL), or null. */
export function unsupportedSecuring(value: string): string | null {
  // Each pattern is tried only when its cheap marker is there: a vc+jwt is several kilobytes, checked on every call.
  const envelope = value.startsWith('data:') ? ENVELOPE.exec(value) : null;
  if (envelope) return envelope[1] as string;
  const text = value.trim();
  if (text.includes('~') && SD_JWT.test(text)) return 'SD-JWT';
  // COSE_Sign1 with tag 18 (0xd2 0x84) encodes to base64 "0oRY" / "0oRZ" / "0oRA"...; check the bytes to be sure.
  if (text.startsWith('0oR') && /^[A-Za-z0-9+/=_-]+$/.test(text)) {
    const bytes = Buffer.from(text, 'base64');
    if (bytes[0] === 0xd2 && bytes[1] === 0x84) return 'COSE';
  }
  return null;
}
