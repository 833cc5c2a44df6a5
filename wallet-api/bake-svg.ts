/**
 * Bakes a credential into an SVG (OB 3.0 §5.3.2 "SVG Baking"): `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`
 * on the root `<svg>` and, directly after its start tag, one `<openbadges:credential>` element: with a `verify`
 * attribute holding the compact JWS for a vc+jwt, or the JSON text in CDATA for a Data Integrity credential. An
 * element there already is replaced (the spec lets the baker overwrite), so there is only ever one.
 *
 * The JSON goes in byte for byte: a `]]>` inside it (legal in a JSON string) closes the CDATA section and opens the
 * next, and the reader joins the sections back.
 */
import { scanSvg, SVG_CREDENTIAL_ELEMENT } from './read-baked-credential.ts';

export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

export function bakeSvg(svg: string, credential: string): string {
  const json = credential.trimStart().startsWith('{');
  if (!json && !COMPACT_JWS.test(credential)) throw new TypeError('bakeSvg: the credential is neither JSON text nor a compact JWS');
  const scan = scanSvg(svg);
  const { root } = scan;
  const element = json
    ? `<${SVG_CREDENTIAL_ELEMENT}><![CDATA[${credential.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${SVG_CREDENTIAL_ELEMENT}>`
    : `<${SVG_CREDENTIAL_ELEMENT} verify="${credential}"></${SVG_CREDENTIAL_ELEMENT}>`;

  // Cut out the old credential elements (after the root start tag, so offsets before them stay valid).
  let rest = svg.slice(root.end);
  for (const old of [...scan.credentials].reverse()) {
    rest = rest.slice(0, old.start - root.end) + rest.slice(old.end - root.end);
  }
  const startTag = withNamespace(svg.slice(root.start, root.end), root.attributes.get('xmlns:openbadges'));
  if (root.selfClosing) return `${svg.slice(0, root.start)}${startTag.replace(/\s*\/>$/, '>')}${element}</svg>${rest}`;
  return `${svg.slice(0, root.start)}${startTag}${element}${rest}`;
}

/** The root start tag with xmlns:openbadges set to the OB 3.0 namespace (added, or its value replaced). */
function withNamespace(startTag: string, current: string | undefined): string {
  const declaration = `xmlns:openbadges="${OB3_SVG_NAMESPACE}"`;
  if (current === OB3_SVG_NAMESPACE) return startTag;
  if (current !== undefined) return startTag.replace(/xmlns:openbadges[ \t\r\n]*=[ \t\r\n]*("[^"]*"|'[^']*')/, declaration);
  return startTag.replace(/^<svg/, `<svg ${declaration}`);
}
