/**
 * The badge image of a kept credential, with the credential baked in (OB 3.0 §5.3) and, when the holder names one of
 * their live share links, a QR code of that link.
 *
 * The picture: the achievement's own image when the credential carries it inline as a `data:` URL of the requested
 * type (image/png for .png, image/svg+xml for .svg) that reads cleanly; otherwise a generated badge (a medal shape in a
 * colour derived from the achievement, the achievement and issuer names: SVG text, or a 5×7 bitmap font in the PNG).
 * A remote image URL is never fetched: a request must not make the server fetch a URL (DESIGN.md §5), and a badge the
 * server cannot see is no badge.
 *
 * Share links keep only the SHA-256 of their token (share-links.ts), so a link's URL cannot be rebuilt from its id. The
 * holder passes the token (or the URL they were given at creation) as `?share=`; the server hashes it, and draws the QR
 * only when the link is this holder's (404 otherwise, like an unknown one), live (410 when expired, revoked or used
 * up) and presents this credential (422 otherwise). Looking the link up does not count as a view.
 */
import { hasEcdsaSdBaseProof, holderCheckable } from '../crypto/sign-ecdsa-sd.ts';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { GoneError, NotFoundError, ValidationError } from '../core/errors.ts';
import { isJsonObject } from '../core/open-badges.ts';
import type { WalletCredentialRecord, WalletShareRecord } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { bakePng } from './bake-png.ts';
import { bakeSvg } from './bake-svg.ts';
import { drawText, GLYPH_HEIGHT, textWidth } from './bitmap-font.ts';
import { isPng, readPngChunks, scanSvg } from './read-baked-credential.ts';
import { getWalletCredential } from './get-wallet-credential.ts';
import type { WalletDeps } from './wallet-deps.ts';
import { credentialClaims } from './wallet-credential-view.ts';

export type BadgeFormat = 'png' | 'svg';

export interface BadgeImage {
  contentType: 'image/png' | 'image/svg+xml';
  body: Buffer;
  /** Where the QR code was drawn (pixels; SVG user units), or null without one. */
  qr: QrPlacement | null;
  /** 'inline': the achievement's own data: image; 'generated': drawn here. */
  picture: 'inline' | 'generated';
}

export interface QrPlacement {
  url: string;
  /** Top-left corner of the first module, and the side of one module. */
  x: number;
  y: number;
  scale: number;
  modules: number;
}

/** Badge side of a generated badge; the QR block (quiet zone included) goes below it. */
export const BADGE_SIDE = 360;
export const QR_SCALE = 4;
/** ISO/IEC 18004 asks for a 4-module light margin around the symbol. */
export const QR_QUIET_MODULES = 4;
/** Larger inline images are not used (decoding cost; a badge is small). */
export const MAX_INLINE_IMAGE_BYTES = 512 * 1024;
export const MAX_INLINE_PNG_SIDE = 1024;

const SHARE_TOKEN = /(?:^|\/shared\/)(pls_[A-Za-z0-9_-]{20,64})(?:[?#].*)?$/;

export async function renderBadge(
  deps: Pick<WalletDeps, 'store' | 'clock' | 'publicUrl' | 'documentLoader'>,
  holderId: string,
  id: string,
  { format, share }: { format: BadgeFormat; share?: string | undefined },
): Promise<BadgeImage> {
  const record = await getWalletCredential(deps.store, holderId, id);
  const url = share === undefined ? null : await shareLinkUrl(deps, holderId, record, share);
  const facts = badgeFacts(record);
  // An ecdsa-sd-2023 base proof is for the holder only (verifiers refuse it): a badge carries its full disclosure.
  const checkable = await holderCheckable(record.secured, deps);
  if (typeof checkable === 'string' && hasEcdsaSdBaseProof(credentialClaims(record)?.credential ?? {})) {
    // The derivation failed: never bake the base proof instead.
    throw new ValidationError('This credential\'s full disclosure cannot be derived from its ecdsa-sd-2023 base proof, so it cannot be baked.');
  }
  const baked = typeof checkable === 'string' ? checkable : JSON.stringify(checkable);
  return format === 'png' ? renderPng(baked, facts, url) : renderSvg(baked, facts, url);
}

/** The public URL of the holder's live share link that presents this credential, from its token or URL. */
export async function shareLinkUrl(deps: Pick<WalletDeps, 'store' | 'clock' | 'publicUrl'>, holderId: string, record: WalletCredentialRecord, share: string): Promise<string> {
  const token = SHARE_TOKEN.exec(share.trim())?.[1];
  if (!token) {
    throw new ValidationError('share must be a share link token (pls_...) or its URL (.../shared/pls_...), as given when the link was made.', [
      { pointer: '/query/share', detail: 'is not a share link token or URL' },
    ]);
  }
  const link = await deps.store.walletShares.getByTokenHash(sha256Hex(token));
  if (!link || link.holderId !== holderId) throw new NotFoundError('No such share link in this wallet.');
  const status = shareStatus(link, deps.clock());
  if (status !== 'active') throw new GoneError(`This share link is ${status}: its QR code would lead nowhere.`);
  if (!link.credentialIds.includes(record.id)) {
    throw new ValidationError('This share link does not present this credential.', [{ pointer: '/query/share', detail: 'does not present this credential' }]);
  }
  return `${deps.publicUrl ?? ''}/shared/${token}`;
}

function shareStatus(link: WalletShareRecord, now: Date): 'active' | 'revoked' | 'expired' | 'used up' {
  if (link.revokedAt !== null) return 'revoked';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (link.maxViews !== null && link.views >= link.maxViews) return 'used up';
  return 'active';
}

// ------------------------------------------------------------------------------------------------ what the badge says

export interface BadgeFacts {
  achievementName: string;
  issuerName: string;
  /** Seeds the colour: the achievement id, or its name. */
  seed: string;
  /** The achievement's image as given (a URL or data: URL), if any. */
  image: string | null;
}

export function badgeFacts(record: Pick<WalletCredentialRecord, 'format' | 'secured' | 'name' | 'issuer' | 'achievementId'>): BadgeFacts {
  const credential = credentialClaims(record)?.credential ?? null;
  const subjects = credential?.credentialSubject;
  const subject = Array.isArray(subjects) ? subjects.find(isJsonObject) : subjects;
  const achievement = isJsonObject(subject) && isJsonObject(subject.achievement) ? subject.achievement : null;
  const issuer = credential?.issuer;
  const imageOf = (value: unknown): string | null => (typeof value === 'string' ? value : isJsonObject(value) && typeof value.id === 'string' ? value.id : null);
  const achievementName = text(achievement?.name) ?? record.name ?? 'Credential';
  return {
    achievementName,
    issuerName: (isJsonObject(issuer) ? text(issuer.name) : null) ?? record.issuer ?? 'Unknown issuer',
    seed: record.achievementId ?? achievementName,
    image: imageOf(achievement?.image) ?? imageOf(credential?.image),
  };
}


function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The bytes of a data: URL of exactly this media type, when small enough; null otherwise. */
export function inlineImage(image: string | null, mediaType: 'image/png' | 'image/svg+xml'): Buffer | null {
  if (!image || image.length > MAX_INLINE_IMAGE_BYTES * 2) return null;
  const match = /^data:([a-z+/.-]+)((?:;[^,;]*)*),/i.exec(image);
  if (!match || match[1]!.toLowerCase() !== mediaType) return null;
  const payload = image.slice(match[0].length);
  const bytes = /;base64$/i.test(match[2]!) ? Buffer.from(payload, 'base64') : safeDecodeUri(payload);
  return bytes && bytes.length > 0 && bytes.length <= MAX_INLINE_IMAGE_BYTES ? bytes : null;
}

function safeDecodeUri(payload: string): Buffer | null {
  try {
    return Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------------------------- colour

type Rgb = [number, number, number];

/** A stable, saturated colour per achievement (FNV-1a of the seed → hue). */
export function badgeColour(seed: string): Rgb {
  let hash = 0x811c9dc5;
  for (const char of seed) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  const hue = hash % 360;
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (0.45 - 0.35 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const lighter = ([r, g, b]: Rgb): Rgb => [r, g, b].map((v) => Math.round(v + (255 - v) * 0.8)) as Rgb;

// ---------------------------------------------------------------------------------------------------------------- QR

export function qrMatrix(url: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => modules.data[row * modules.size + col] === 1 };
}

/** The QR block's side in pixels (symbol plus quiet zone). */
const qrBlockSide = (modules: number) => (modules + 2 * QR_QUIET_MODULES) * QR_SCALE;

/** Where the QR goes: centred horizontally in a canvas `width` wide, its block starting at `top`. */
export function placeQr(url: string, modules: number, width: number, top: number): QrPlacement {
  const x = Math.floor((width - qrBlockSide(modules)) / 2) + QR_QUIET_MODULES * QR_SCALE;
  return { url, x, y: top + QR_QUIET_MODULES * QR_SCALE, scale: QR_SCALE, modules };
}

// --------------------------------------------------------------------------------------------------------------- PNG

function renderPng(secured: string, facts: BadgeFacts, url: string | null): BadgeImage {
  const inline = usableInlinePng(inlineImage(facts.image, 'image/png'));
  if (inline && !url) return { contentType: 'image/png', body: Buffer.from(bakePng(inline, secured)), qr: null, picture: 'inline' };
  const picture = inline ? PNG.sync.read(Buffer.from(inline)) : generatedPng(facts);
  const qr = url ? qrMatrix(url) : null;
  const width = Math.max(picture.width, qr ? qrBlockSide(qr.size) : 0);
  const height = picture.height + (qr ? qrBlockSide(qr.size) : 0);
  const canvas = new PNG({ width, height });
  canvas.data.fill(255);
  PNG.bitblt(picture, canvas, 0, 0, picture.width, picture.height, Math.floor((width - picture.width) / 2), 0);
  let placement: QrPlacement | null = null;
  if (qr && url) {
    placement = placeQr(url, qr.size, width, picture.height);
    for (let row = 0; row < qr.size; row++) {
      for (let col = 0; col < qr.size; col++) {
        if (qr.dark(row, col)) fillRect(canvas, placement.x + col * QR_SCALE, placement.y + row * QR_SCALE, QR_SCALE, QR_SCALE, [0, 0, 0]);
      }
    }
  }
  const encoded = PNG.sync.write(canvas);
  return { contentType: 'image/png', body: Buffer.from(bakePng(encoded, secured)), qr: placement, picture: inline ? 'inline' : 'generated' };
}

/** An inline PNG is used only if it reads cleanly and is not too large to decode. */
function usableInlinePng(bytes: Buffer | null): Uint8Array | null {
  if (!bytes || !isPng(bytes)) return null;
  try {
    const [header] = readPngChunks(bytes);
    const view = new DataView(header!.data.buffer, header!.data.byteOffset, header!.data.byteLength);
    if (view.getUint32(0) > MAX_INLINE_PNG_SIDE || view.getUint32(4) > MAX_INLINE_PNG_SIDE) return null;
    PNG.sync.read(bytes);
    return new Uint8Array(bytes);
  } catch {
    return null;
  }
}

function generatedPng(facts: BadgeFacts): PNG {
  const png = new PNG({ width: BADGE_SIDE, height: BADGE_SIDE });
  png.data.fill(255);
  const colour = badgeColour(facts.seed);
  const c = BADGE_SIDE / 2;
  // Ribbon tails, then the medal: an outer ring in the achievement's colour around a pale disc.
  fillPolygon(png, [[c - 70, c + 60], [c - 20, c + 60], [c - 40, BADGE_SIDE - 12], [c - 70, BADGE_SIDE - 40]], colour);
  fillPolygon(png, [[c + 20, c + 60], [c + 70, c + 60], [c + 70, BADGE_SIDE - 40], [c + 40, BADGE_SIDE - 12]], colour);
  fillCircle(png, c, c - 20, 130, colour);
  fillCircle(png, c, c - 20, 108, lighter(colour));
  // The names in a 5×7 bitmap font: the achievement (up to 3 lines) on the disc, the issuer below it.
  const ink: Rgb = [26, 26, 26];
  const lines = wrap(facts.achievementName, 15, 3);
  const lineHeight = (GLYPH_HEIGHT + 3) * 2;
  const top = c - 30 - (lines.length * lineHeight) / 2;
  lines.forEach((line, i) => drawText(line, Math.round(c - textWidth(line, 2) / 2), Math.round(top + i * lineHeight), 2, (x, y) => setPixel(png, x, y, ink)));
  const issuer = truncate(facts.issuerName, 30);
  drawText(issuer, Math.round(c - textWidth(issuer, 1) / 2), Math.round(c + 40), 1, (x, y) => setPixel(png, x, y, ink));
  return png;
}

function setPixel(png: PNG, x: number, y: number, [r, g, b]: Rgb): void {
  if (x < 0 || y < 0 || x >= png.width || y >= png.height) return;
  const i = (y * png.width + x) * 4;
  png.data[i] = r;
  png.data[i + 1] = g;
  png.data[i + 2] = b;
  png.data[i + 3] = 255;
}

function fillRect(png: PNG, x: number, y: number, w: number, h: number, colour: Rgb): void {
  for (let dy = 0; dy < h; dy++) for (let dx = 0; dx < w; dx++) setPixel(png, x + dx, y + dy, colour);
}

function fillCircle(png: PNG, cx: number, cy: number, r: number, colour: Rgb): void {
  for (let y = Math.floor(cy - r); y <= cy + r; y++) {
    for (let x = Math.floor(cx - r); x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) setPixel(png, x, y, colour);
  }
}

/** Even-odd fill of a small polygon, scanline by scanline. */
function fillPolygon(png: PNG, points: [number, number][], colour: Rgb): void {
  const ys = points.map(([, y]) => y);
  for (let y = Math.floor(Math.min(...ys)); y <= Math.max(...ys); y++) {
    const xs: number[] = [];
    points.forEach(([x1, y1], i) => {
      const [x2, y2] = points[(i + 1) % points.length]!;
      if ((y1 <= y && y2 > y) || (y2 <= y && y1 > y)) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    });
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) for (let x = Math.ceil(xs[k]!); x <= xs[k + 1]!; x++) setPixel(png, x, y, colour);
  }
}

// --------------------------------------------------------------------------------------------------------------- SVG

function renderSvg(secured: string, facts: BadgeFacts, url: string | null): BadgeImage {
  const inline = usableInlineSvg(inlineImage(facts.image, 'image/svg+xml'));
  if (inline && !url) return { contentType: 'image/svg+xml', body: Buffer.from(bakeSvg(inline, secured), 'utf8'), qr: null, picture: 'inline' };
  const qr = url ? qrMatrix(url) : null;
  const height = BADGE_SIDE + (qr ? qrBlockSide(qr.size) : 0);
  const placement = qr && url ? placeQr(url, qr.size, BADGE_SIDE, BADGE_SIDE) : null;
  const title = `${facts.achievementName} — ${facts.issuerName}`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_SIDE}" height="${height}" viewBox="0 0 ${BADGE_SIDE} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${BADGE_SIDE}" height="${height}" fill="#ffffff"/>`,
    inline
      ? `<image x="0" y="0" width="${BADGE_SIDE}" height="${BADGE_SIDE}" href="data:image/svg+xml;base64,${Buffer.from(inline, 'utf8').toString('base64')}"/>`
      : generatedSvgPicture(facts),
  ];
  if (qr && placement) {
    let d = '';
    for (let row = 0; row < qr.size; row++) for (let col = 0; col < qr.size; col++) if (qr.dark(row, col)) d += `M${col} ${row}h1v1h-1z`;
    parts.push(`<path fill="#000000" shape-rendering="crispEdges" transform="translate(${placement.x} ${placement.y}) scale(${QR_SCALE})" d="${d}"/>`);
  }
  parts.push('</svg>\n');
  return { contentType: 'image/svg+xml', body: Buffer.from(bakeSvg(parts.join(''), secured), 'utf8'), qr: placement, picture: inline ? 'inline' : 'generated' };
}

/** Elements of an inline picture that can act, navigate, animate references or embed other documents. */
const ACTIVE_SVG_ELEMENTS = ['script', 'foreignobject', 'a', 'animate', 'set', 'animatemotion', 'animatetransform', 'iframe', 'embed', 'object', 'audio', 'video', 'handler', 'listener'];

/**
 * An inline SVG is used only if it scans cleanly and is inert: no scripts, event handlers, links, animations, foreign
 * HTML or embedded documents, and no reference outside itself but to data: images (no tracking pixel, nothing fetched).
 */
function usableInlineSvg(bytes: Buffer | null): string | null {
  if (!bytes) return null;
  try {
    const svg = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    const scan = scanSvg(svg);
    if (scan.hasEventHandler || scan.hasExternalReference || ACTIVE_SVG_ELEMENTS.some((name) => scan.elementNames.has(name))) return null;
    return svg;
  } catch {
    return null;
  }
}

function generatedSvgPicture(facts: BadgeFacts): string {
  const colour = badgeColour(facts.seed);
  const c = BADGE_SIDE / 2;
  const lines = wrap(facts.achievementName, 20, 3);
  const firstLine = c - 20 - (lines.length - 1) * 11;
  return [
    `<path fill="${hex(colour)}" d="M${c - 70} ${c + 60}h50l-20 ${BADGE_SIDE - 12 - c - 60}l-30 -28zM${c + 20} ${c + 60}h50v${BADGE_SIDE - 40 - c - 60}l-30 28z"/>`,
    `<circle cx="${c}" cy="${c - 20}" r="130" fill="${hex(colour)}"/>`,
    `<circle cx="${c}" cy="${c - 20}" r="108" fill="${hex(lighter(colour))}"/>`,
    `<text x="${c}" y="${firstLine}" text-anchor="middle" font-family="sans-serif" font-size="18" font-weight="bold" fill="#1a1a1a">`,
    ...lines.map((line, i) => `<tspan x="${c}" dy="${i === 0 ? 0 : 22}">${escapeXml(line)}</tspan>`),
    '</text>',
    `<text x="${c}" y="${c + 45}" text-anchor="middle" font-family="sans-serif" font-size="13" fill="#333333">${escapeXml(truncate(facts.issuerName, 32))}</text>`,
  ].join('');
}

function wrap(words: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const word of words.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length > maxLines) lines.splice(maxLines - 1, lines.length, `${lines[maxLines - 1]}…`);
  return lines.map((line) => truncate(line, width + 2));
}

function truncate(value: string, length: number): string {
  const chars = [...value];
  return chars.length <= length ? value : `${chars.slice(0, length - 1).join('')}…`;
}

/** Text for XML character data and attributes: markup escaped, characters XML 1.0 forbids dropped. */
export function escapeXml(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;' })[c]!);
}
