/**
 * Baked badges (issue #5 items 2c and 6): a kept credential as a PNG or SVG badge with the credential baked in (OB 3.0
 * §5.3), and import of a credential from such an image. Holder-authenticated like every wallet route: another
 * holder's credential id answers 404, like an unknown one.
 *
 * The import route takes the image itself as the body (`Content-Type: image/png` or `image/svg+xml`, at most
 * MAX_BADGE_IMAGE_BYTES); the credential read from it goes through the same import service as
 * `POST /wallet/credentials` (verified, kept byte for byte). No JSON body parser runs on it: the route reads the raw
 * bytes itself, with the cap, so this file needs no express import.
 */
import { Type } from '@sinclair/typebox';
import { ProoflineError } from '../core/errors.ts';
import { reply, type RouteContext, type RouteSpec } from '../http/route.ts';
import { renderBadge, type BadgeFormat } from './badge-image.ts';
import { holderRouteFor } from './holder-route.ts';
import { importCredential } from './import-credential.ts';
import { readBakedCredential, type BakedImageType } from './read-baked-credential.ts';
import type { WalletDeps } from './wallet-deps.ts';

/** Largest image accepted for import (a badge with a credential baked in is tens of kilobytes). */
export const MAX_BADGE_IMAGE_BYTES = 2 * 1024 * 1024;

const TAGS = ['wallet'];
const ANY_JSON = Type.Object({}, { additionalProperties: true });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const BadgeQuery = Type.Object(
  {
    share: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        description: 'One of the holder\'s live share links presenting this credential: its token (pls_...) or URL, as given at creation. Draws its QR code.',
      }),
    ),
  },
  { additionalProperties: false },
);
const IMAGE_TYPES: BakedImageType[] = ['image/png', 'image/svg+xml'];

export function badgeRoutes(deps: WalletDeps): RouteSpec[] {
  const holderRoute = holderRouteFor(deps);
  const badgeRoute = (format: BadgeFormat): RouteSpec =>
    holderRoute({
      method: 'get',
      path: `/wallet/credentials/:id/badge.${format}`,
      operationId: format === 'png' ? 'getBadgePng' : 'getBadgeSvg',
      summary: `The credential as an OB 3.0 baked ${format.toUpperCase()} badge (the achievement's inline image or a generated one; a QR code of a share link with ?share=)`,
      tags: TAGS,
      params: IdParams,
      query: BadgeQuery,
      responses: {
        200: { description: 'The baked badge', contentType: format === 'png' ? 'image/png' : 'image/svg+xml' },
        404: { description: 'Not in this wallet (or the share link is not)' },
        410: { description: 'The share link expired, was revoked or is used up' },
        422: { description: 'share is not a token or URL of a link presenting this credential' },
      },
      handler: async ({ holder: { holderId }, params, query }) => {
        const badge = await renderBadge(deps, holderId, params.id, { format, share: query.share });
        return reply(200, badge.body, {
          contentType: badge.contentType,
          headers: {
            'Cache-Control': 'private, no-store',
            // An SVG opened on its own runs nothing and loads nothing but inline images.
            'Content-Security-Policy': 'default-src \'none\'; img-src data:; style-src \'unsafe-inline\'',
            'Content-Disposition': `inline; filename="badge-${params.id.replace(/[^A-Za-z0-9_-]/g, '')}.${format}"`,
          },
        });
      },
    });

  return [
    badgeRoute('png'),
    badgeRoute('svg'),
    holderRoute({
      method: 'post',
      path: '/wallet/credentials/image',
      operationId: 'importCredentialFromImage',
      summary: 'Import the credential baked into an OB 3.0 badge image (body: image/png or image/svg+xml, at most 2 MB): verified, kept byte for byte',
      tags: TAGS,
      responses: {
        201: { description: 'Imported (verified or not: see status)', schema: ANY_JSON },
        200: { description: 'Kept already', schema: ANY_JSON },
        413: { description: 'Image larger than 2 MB' },
        415: { description: 'Not image/png or image/svg+xml' },
        422: { description: 'Unreadable image, no baked credential, or more than one (errors[0].detail names which)' },
      },
      handler: async ({ holder: { holderId }, req, res }) => {
        const type = req.is(IMAGE_TYPES);
        if (!type) throw new ProoflineError('UNSUPPORTED_MEDIA_TYPE', 'The body must be a badge image: Content-Type image/png or image/svg+xml.');
        const image = await readCappedBody(req, res, MAX_BADGE_IMAGE_BYTES);
        const secured = readBakedCredential(image, type as BakedImageType);
        const { created, credential } = await importCredential(deps, holderId, secured);
        return reply(created ? 201 : 200, credential, created ? { headers: { Location: `/wallet/credentials/${credential.id}` } } : {});
      },
    }),
  ];
}

type Context = RouteContext<unknown, unknown, unknown>;

/**
 * The raw request body, refused (413) as soon as it passes `limit` bytes. The rest is not read: the connection closes
 * after the answer (a client that keeps sending would otherwise hold it open).
 */
async function readCappedBody(req: Context['req'], res: Context['res'], limit: number): Promise<Uint8Array> {
  const tooLarge = () => {
    res.setHeader('Connection', 'close');
    return new ProoflineError('PAYLOAD_TOO_LARGE', `The image is larger than ${limit} bytes.`);
  };
  if (Number(req.get('content-length') ?? '0') > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let length = 0;
  // Events, not `for await`: leaving an async iterator early destroys the socket, and the client would see a reset
  // instead of the 413.
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', resolve);
    req.once('error', (error) => reject(new ProoflineError('MALFORMED_REQUEST', 'The request body could not be read.', { cause: error })));
  });
  if (length === 0) throw new ProoflineError('MALFORMED_REQUEST', 'The request has no body: send the badge image.');
  return new Uint8Array(Buffer.concat(chunks, length));
}
