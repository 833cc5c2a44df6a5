/**
 * Reads the credential baked into an Open Badges 3.0 image (OB 3.0 §5.3 "Baked Badge"): the text of the one PNG
 * `iTXt` chunk with keyword `openbadgecredential`, or the one SVG `<openbadges:credential>` element (its `verify`
 * attribute for a VC-JWT, its CDATA body for JSON). The text comes back exactly as baked.
 *
 * Images come from anyone, so both readers are strict and bounded: the PNG's chunk lengths are checked against the
 * bytes before any chunk is copied (png-chunks-extract would allocate whatever length a chunk claims), a compressed
 * credential chunk is refused before it is inflated (the spec forbids compression; inflating is a zip-bomb door), and
 * the SVG is read by a tiny scanner, not an XML parser: it refuses any DOCTYPE (so no entity can be declared, let alone
 * expanded), resolves nothing external, and decodes only the predefined entities and character references.
 */
import extractChunks, { type PngChunk } from 'png-chunks-extract';
import { decodeSync } from 'png-chunk-itxt';
import { ProoflineError } from '../core/errors.ts';

export const PNG_CREDENTIAL_KEYWORD = 'openbadgecredential';
export const SVG_CREDENTIAL_ELEMENT = 'openbadges:credential';

/** The stable reason of a refused image, in the problem's `errors[0].detail`. */
export type BakedImageProblem =
  /** Not a readable PNG or SVG: bad signature, truncated, CRC mismatch, not UTF-8, malformed markup. */
  | 'IMAGE_UNREADABLE'
  /** SVG with a DOCTYPE, an entity declaration or another markup declaration: never processed. */
  | 'SVG_DECLARATION_REFUSED'
  /** A readable image without a baked credential. */
  | 'NO_BAKED_CREDENTIAL'
  /** More than one baked credential (the spec allows one). */
  | 'MULTIPLE_BAKED_CREDENTIALS'
  /** An `openbadgecredential` chunk with compression on (the spec forbids it; it is not inflated). */
  | 'COMPRESSED_CREDENTIAL';

/**
 * A refused image. Unreadable or refused markup: UNSUPPORTED_FORMAT (422); a readable image without exactly one
 * credential: VALIDATION_FAILED (422). The stable reason is `problem`, sent as the detail of the problem's one error.
 */
export class BakedImageError extends ProoflineError {
  readonly problem: BakedImageProblem;
  constructor(problem: BakedImageProblem, message: string, cause?: unknown) {
    const code = problem === 'IMAGE_UNREADABLE' || problem === 'SVG_DECLARATION_REFUSED' ? 'UNSUPPORTED_FORMAT' : 'VALIDATION_FAILED';
    super(code, message, { details: [{ pointer: '/', detail: problem }], cause });
    this.problem = problem;
  }
}

export type BakedImageType = 'image/png' | 'image/svg+xml';

export function readBakedCredential(image: Uint8Array, type: BakedImageType): string {
  return type === 'image/png' ? readPngCredential(image) : readSvgCredential(image);
}

// ---------------------------------------------------------------------------------------------------------------- PNG

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** PNG §5.3: a chunk length is at most 2^31 - 1. */
const MAX_CHUNK_LENGTH = 0x7fffffff;

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * The chunks of a PNG, IHDR first and IEND last, CRCs checked. Every length is checked against the bytes at hand
 * first; anything after IEND is ignored (as png-chunks-extract does).
 */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  if (!isPng(png)) throw new BakedImageError('IMAGE_UNREADABLE', 'Not a PNG: the signature is missing.');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let ended = false;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    if (length > MAX_CHUNK_LENGTH || offset + 12 + length > png.length) break;
    const name = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    offset += 12 + length;
    if (name === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended) throw new BakedImageError('IMAGE_UNREADABLE', 'The PNG is truncated or malformed: a chunk runs past the end, or there is no IEND.');
  try {
    return extractChunks(png.subarray(0, offset));
  } catch (error) {
    throw new BakedImageError('IMAGE_UNREADABLE', 'The PNG is malformed (missing IHDR or a CRC mismatch).', error);
  }
}

/** The keyword of an iTXt chunk (PNG §11.3.4.5: 1-79 Latin-1 bytes, then a null), or null when malformed. */
export function itxtKeyword(data: Uint8Array): string | null {
  const end = data.indexOf(0);
  if (end < 1 || end > 79) return null;
  return Buffer.from(data.subarray(0, end)).toString('latin1');
}

export function isCredentialChunk(chunk: PngChunk): boolean {
  return chunk.name === 'iTXt' && itxtKeyword(chunk.data) === PNG_CREDENTIAL_KEYWORD;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readPngCredential(png: Uint8Array): string {
  const found = readPngChunks(png).filter(isCredentialChunk);
  if (found.length === 0) throw new BakedImageError('NO_BAKED_CREDENTIAL', `The PNG has no iTXt chunk with keyword "${PNG_CREDENTIAL_KEYWORD}".`);
  if (found.length > 1) throw new BakedImageError('MULTIPLE_BAKED_CREDENTIALS', `The PNG has ${found.length} "${PNG_CREDENTIAL_KEYWORD}" chunks; OB 3.0 allows one.`);
  const data = found[0]!.data;
  // keyword \0 compressionFlag compressionMethod languageTag \0 translatedKeyword \0 text
  const flagAt = PNG_CREDENTIAL_KEYWORD.length + 1;
  if (data.length < flagAt + 2) throw new BakedImageError('IMAGE_UNREADABLE', 'The credential chunk is truncated.');
  if (data[flagAt] !== 0) throw new BakedImageError('COMPRESSED_CREDENTIAL', 'The credential chunk is compressed; OB 3.0 forbids compression and it is not inflated.');
  const languageEnd = data.indexOf(0, flagAt + 2);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) throw new BakedImageError('IMAGE_UNREADABLE', 'The credential chunk is malformed (language tag or translated keyword not terminated).');
  try {
    strictUtf8.decode(data.subarray(translatedEnd + 1));
  } catch (error) {
    throw new BakedImageError('IMAGE_UNREADABLE', 'The credential chunk\'s text is not UTF-8.', error);
  }
  return decodeSync(data).text;
}

// ---------------------------------------------------------------------------------------------------------------- SVG

export interface SvgStartTag {
  name: string;
  /** Attribute values with entities decoded. */
  attributes: Map<string, string>;
  /** Offset of `<` and just past `>`. */
  start: number;
  end: number;
  selfClosing: boolean;
}

export interface SvgCredentialElement {
  start: number;
  /** Just past the end tag (or the self-closing start tag). */
  end: number;
  verify: string | null;
  /** Concatenated CDATA and text of the body, entities decoded. */
  body: string;
}

export interface SvgScan {
  root: SvgStartTag;
  credentials: SvgCredentialElement[];
  /** Names of every element, lowercase (for callers that refuse some, e.g. script). */
  elementNames: Set<string>;
  /** Whether any attribute is an event handler (`on...`). */
  hasEventHandler: boolean;
  /** Whether any href/xlink:href (or style url()) points outside the document other than to a data: image. */
  hasExternalReference: boolean;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;

/** Scans an SVG document once: its root `<svg>`, every `<openbadges:credential>` element, what elements it has. */
export function scanSvg(svg: string): SvgScan {
  const unreadable = (why: string) => new BakedImageError('IMAGE_UNREADABLE', `The SVG is malformed: ${why}.`);
  let root: SvgStartTag | null = null;
  const credentials: SvgCredentialElement[] = [];
  const elementNames = new Set<string>();
  let hasEventHandler = false;
  let hasExternalReference = false;
  let i = 0;
  for (;;) {
    const lt = svg.indexOf('<', i);
    if (lt < 0) break;
    if (svg.startsWith('<!--', lt)) {
      i = skipPast(svg, '-->', lt + 4, () => unreadable('unterminated comment'));
    } else if (svg.startsWith('<![CDATA[', lt)) {
      i = skipPast(svg, ']]>', lt + 9, () => unreadable('unterminated CDATA section'));
    } else if (svg.startsWith('<!', lt)) {
      // DOCTYPE, ENTITY, ELEMENT...: an internal subset could declare entities (billion laughs) or external ones.
      throw new BakedImageError('SVG_DECLARATION_REFUSED', 'The SVG has a DOCTYPE or another markup declaration; such SVGs are not processed.');
    } else if (svg.startsWith('<?', lt)) {
      i = skipPast(svg, '?>', lt + 2, () => unreadable('unterminated processing instruction'));
    } else if (svg.startsWith('</', lt)) {
      i = skipPast(svg, '>', lt + 2, () => unreadable('unterminated end tag'));
    } else {
      const tag = readStartTag(svg, lt);
      if (!root) {
        if (tag.name !== 'svg') throw unreadable(`the root element is <${tag.name}>, not <svg>`);
        root = tag;
      }
      elementNames.add(tag.name.toLowerCase());
      for (const [attribute, value] of tag.attributes) {
        if (/^on/i.test(attribute)) hasEventHandler = true;
        if (/(^|:)href$/i.test(attribute) && !/^\s*(#|data:image\/(png|jpeg|gif|webp);)/i.test(String(value))) hasExternalReference = true;
        if (/url\(\s*['"]?\s*(?!#|data:image\/)/i.test(String(value))) hasExternalReference = true;
      }
      if (tag.name === SVG_CREDENTIAL_ELEMENT) {
        const element = readCredentialElement(svg, tag);
        credentials.push(element);
        i = element.end;
      } else {
        i = tag.end;
      }
    }
  }
  if (!root) throw unreadable('no <svg> element');
  return { root, credentials, elementNames, hasEventHandler, hasExternalReference };
}

export function readSvgCredential(image: Uint8Array | string): string {
  let svg: string;
  try {
    svg = typeof image === 'string' ? image : strictUtf8.decode(image);
  } catch (error) {
    throw new BakedImageError('IMAGE_UNREADABLE', 'The SVG is not UTF-8 text.', error);
  }
  const { credentials } = scanSvg(svg.replace(/^\uFEFF/, ''));
  if (credentials.length === 0) throw new BakedImageError('NO_BAKED_CREDENTIAL', `The SVG has no <${SVG_CREDENTIAL_ELEMENT}> element.`);
  if (credentials.length > 1) throw new BakedImageError('MULTIPLE_BAKED_CREDENTIALS', `The SVG has ${credentials.length} <${SVG_CREDENTIAL_ELEMENT}> elements; OB 3.0 allows one.`);
  const { verify, body } = credentials[0]!;
  const json = body.trim();
  if (verify && json) throw new BakedImageError('MULTIPLE_BAKED_CREDENTIALS', 'The credential element has both a verify attribute (VC-JWT) and a body (JSON): two credentials.');
  const text = verify ?? json;
  if (!text) throw new BakedImageError('NO_BAKED_CREDENTIAL', `The <${SVG_CREDENTIAL_ELEMENT}> element is empty.`);
  return text;
}

function skipPast(svg: string, terminator: string, from: number, error: () => Error): number {
  const at = svg.indexOf(terminator, from);
  if (at < 0) throw error();
  return at + terminator.length;
}

function readStartTag(svg: string, start: number): SvgStartTag {
  const unreadable = (why: string) => new BakedImageError('IMAGE_UNREADABLE', `The SVG is malformed: ${why} at offset ${start}.`);
  NAME.lastIndex = start + 1;
  const name = NAME.exec(svg)?.[0];
  if (!name) throw unreadable('a "<" that starts no tag');
  let i = start + 1 + name.length;
  const attributes = new Map<string, string>();
  for (;;) {
    const spaced = /^[ \t\r\n]*/.exec(svg.slice(i, i + 4096))![0].length;
    i += spaced;
    if (svg.startsWith('/>', i)) return { name, attributes, start, end: i + 2, selfClosing: true };
    if (svg[i] === '>') return { name, attributes, start, end: i + 1, selfClosing: false };
    if (spaced === 0) throw unreadable(`unexpected character in <${name}>`);
    NAME.lastIndex = i;
    const attribute = NAME.exec(svg)?.[0];
    if (!attribute) throw unreadable(`a malformed attribute in <${name}>`);
    i += attribute.length;
    while (/[ \t\r\n]/.test(svg[i] ?? '')) i += 1;
    if (svg[i] !== '=') throw unreadable(`attribute ${attribute} without a value`);
    i += 1;
    while (/[ \t\r\n]/.test(svg[i] ?? '')) i += 1;
    const quote = svg[i];
    if (quote !== '"' && quote !== '\'') throw unreadable(`attribute ${attribute} without quotes`);
    const close = svg.indexOf(quote, i + 1);
    if (close < 0) throw unreadable(`attribute ${attribute} not terminated`);
    const raw = svg.slice(i + 1, close);
    if (raw.includes('<')) throw unreadable(`"<" in attribute ${attribute}`);
    if (attributes.has(attribute)) throw unreadable(`attribute ${attribute} given twice`);
    attributes.set(attribute, decodeEntities(raw, unreadable));
    i = close + 1;
  }
}

function readCredentialElement(svg: string, tag: SvgStartTag): SvgCredentialElement {
  const verify = tag.attributes.get('verify') || null;
  if (tag.selfClosing) return { start: tag.start, end: tag.end, verify, body: '' };
  const unreadable = (why: string) => new BakedImageError('IMAGE_UNREADABLE', `The SVG is malformed: ${why}.`);
  let body = '';
  let i = tag.end;
  for (;;) {
    const lt = svg.indexOf('<', i);
    if (lt < 0) throw unreadable(`<${SVG_CREDENTIAL_ELEMENT}> is not closed`);
    body += decodeEntities(svg.slice(i, lt), unreadable);
    if (svg.startsWith('<![CDATA[', lt)) {
      const close = svg.indexOf(']]>', lt + 9);
      if (close < 0) throw unreadable('unterminated CDATA section');
      body += svg.slice(lt + 9, close);
      i = close + 3;
    } else if (svg.startsWith('<!--', lt)) {
      i = skipPast(svg, '-->', lt + 4, () => unreadable('unterminated comment'));
    } else if (svg.startsWith(`</${SVG_CREDENTIAL_ELEMENT}`, lt)) {
      const close = /^<\/openbadges:credential[ \t\r\n]*>/.exec(svg.slice(lt, lt + 64));
      if (!close) throw unreadable(`a malformed </${SVG_CREDENTIAL_ELEMENT}>`);
      return { start: tag.start, end: lt + close[0].length, verify, body };
    } else {
      throw unreadable(`markup inside <${SVG_CREDENTIAL_ELEMENT}> (only text and CDATA are allowed)`);
    }
  }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' };

/** XML's five predefined entities and character references; any other entity is refused (none can be declared). */
function decodeEntities(text: string, unreadable: (why: string) => Error): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&]{0,12});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw unreadable('a bare "&"');
    if (PREDEFINED[name] !== undefined) return PREDEFINED[name];
    const reference = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(name);
    const code = reference ? parseInt(reference[1] ?? reference[2]!, reference[1] ? 16 : 10) : NaN;
    if (!Number.isInteger(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw unreadable(`the entity "&${name};"`);
    return String.fromCodePoint(code);
  });
}
