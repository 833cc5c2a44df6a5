/** JSON Schemas (TypeBox) of the issuer's requests: they validate input and document the API in /openapi.json. */
import { Type, type Static } from '@sinclair/typebox';

const Did = Type.String({ pattern: '^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$', maxLength: 2048, description: 'A DID' });
const Url = Type.String({ format: 'uri', maxLength: 2048 });
const Level = Type.Union([Type.Literal('foundation'), Type.Literal('practitioner'), Type.Literal('expert')]);

export const FormatOptionsSchema = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('di'), Type.Literal('vc+jwt')], { description: 'Data Integrity (default) or VC-JOSE-COSE' })),
    cryptosuite: Type.Optional(
      Type.Union([Type.Literal('eddsa-rdfc-2022'), Type.Literal('ecdsa-rdfc-2019'), Type.Literal('ecdsa-sd-2023')], {
        description: 'ecdsa-sd-2023: a base proof the holder derives selective disclosures from (mandatory claims: docs/decisions/0010)',
      }),
    ),
    alg: Type.Optional(Type.Union([Type.Literal('EdDSA'), Type.Literal('ES256')])),
  },
  { additionalProperties: false },
);

export const AwardSchema = Type.Object(
  {
    issuer: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100, description: 'Issuer slug (default: the Academy)' })),
    achievement: Type.String({ minLength: 1, maxLength: 2048, description: 'Achievement slug or IRI' }),
    recipient: Type.Union([
      Type.Object({ did: Did }, { additionalProperties: false }),
      Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }) }, { additionalProperties: false }),
    ]),
    result: Type.Object(
      {
        score: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
        rubricLevel: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,50}$', description: 'A level id of the achievement\'s rubric' })),
      },
      { additionalProperties: false },
    ),
    evidence: Type.Optional(
      Type.Object(
        {
          assessmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          projectUrl: Type.Optional(Url),
          narrative: Type.Optional(Type.String({ maxLength: 5000 })),
          artifacts: Type.Optional(
            Type.Array(
              Type.Object(
                { name: Type.Optional(Type.String({ maxLength: 200 })), url: Type.Optional(Url), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
                { additionalProperties: false },
              ),
              { maxItems: 20 },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    validFrom: Type.Optional(Type.String({ format: 'date-time' })),
    validUntil: Type.Optional(Type.String({ format: 'date-time' })),
    options: Type.Optional(FormatOptionsSchema),
  },
  { additionalProperties: false },
);
export type AwardBody = Static<typeof AwardSchema>;

export const AwardBatchSchema = Type.Object(
  {
    awards: Type.Array(
      Type.Object({ idempotencyKey: Type.String({ minLength: 1, maxLength: 200 }), award: AwardSchema }, { additionalProperties: false }),
      { minItems: 1, maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);

export const IssueSchema = Type.Object(
  {
    credential: Type.Object({}, { additionalProperties: true, description: 'An unsigned VC 1.1 or 2.0 credential' }),
    options: Type.Optional(FormatOptionsSchema),
  },
  { additionalProperties: false },
);

export const StatusUpdateSchema = Type.Object(
  {
    credentialId: Type.String({ minLength: 1, maxLength: 2048 }),
    credentialStatus: Type.Array(
      Type.Object(
        {
          type: Type.Literal('BitstringStatusListEntry'),
          statusPurpose: Type.Union([Type.Literal('revocation'), Type.Literal('suspension')]),
          status: Type.Boolean({ description: 'true sets the bit (revoke / suspend); false clears it (unsuspend)' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2 },
    ),
  },
  { additionalProperties: false },
);

export const AchievementSchema = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1, maxLength: 5000 }),
    level: Level,
    achievementType: Type.Optional(Type.String({ maxLength: 100 })),
    criteria: Type.Object({ narrative: Type.String({ minLength: 1, maxLength: 20000 }) }, { additionalProperties: false }),
    skills: Type.Array(Type.Object({ skill: Type.String({ maxLength: 200 }), level: Type.Optional(Level) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 50,
    }),
    resultDescriptions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ pattern: '^[a-z0-9-]{1,50}$' }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            resultType: Type.String({ maxLength: 50 }),
            valueMin: Type.Optional(Type.String({ maxLength: 20 })),
            valueMax: Type.Optional(Type.String({ maxLength: 20 })),
            requiredValue: Type.Optional(Type.String({ maxLength: 20 })),
            requiredLevel: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,50}$' })),
            rubricCriterionLevel: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    id: Type.String({ pattern: '^[a-z0-9-]{1,50}$' }),
                    name: Type.String({ maxLength: 200 }),
                    description: Type.Optional(Type.String({ maxLength: 2000 })),
                    level: Type.Optional(Type.String({ maxLength: 20 })),
                    points: Type.Optional(Type.String({ maxLength: 20 })),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 10 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    humanCode: Type.Optional(Type.String({ maxLength: 50 })),
    image: Type.Optional(Url),
  },
  { additionalProperties: false },
);

export const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }) });
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });
