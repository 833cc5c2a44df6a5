/** Request schemas of the wallet routes (TypeBox: validation and OpenAPI from one description). */
import { Type } from '@sinclair/typebox';

export const ANY_JSON = Type.Object({}, { additionalProperties: true });

export const CredentialsSchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    password: Type.String({ minLength: 10, maxLength: 1024, description: 'At least 10 characters' }),
  },
  { additionalProperties: false },
);

export const SignInSchema = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

export const RefreshSchema = Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const ImportSchema = Type.Object(
  {
    verifiableCredential: Type.Union([ANY_JSON, Type.String({ minLength: 1 })], {
      description: 'A Data Integrity credential (JSON object, or its JSON text to keep its exact bytes) or a vc+jwt compact JWS',
    }),
  },
  { additionalProperties: false },
);

export const CredentialFilterSchema = Type.Object(
  {
    issuer: Type.Optional(Type.String({ maxLength: 2000 })),
    achievement: Type.Optional(Type.String({ maxLength: 2000 })),
    skill: Type.Optional(Type.String({ maxLength: 2000 })),
    status: Type.Optional(Type.Union(['verified', 'unverified', 'expired', 'revoked', 'suspended'].map((s) => Type.Literal(s)))),
    expiresBefore: Type.Optional(Type.String({ format: 'date-time' })),
    expiresAfter: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

const JsonPointer = Type.String({ pattern: '^(/([^~/]|~[01])*)+$', maxLength: 500, description: 'An RFC 6901 JSON Pointer into the credential' });

export const PresentationRequestSchema = Type.Object(
  {
    challenge: Type.String({ minLength: 1, maxLength: 200, description: 'The verifier\'s challenge (POST /challenges)' }),
    domain: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    format: Type.Optional(
      Type.Union([Type.Literal('di'), Type.Literal('vp+jwt')], { description: 'Data Integrity eddsa-rdfc-2022 (default) or VC-JOSE-COSE vp+jwt' }),
    ),
    credentialIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50, description: 'Wallet credential ids; or send dcqlQuery' }),
    ),
    dcqlQuery: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'A DCQL query (OpenID4VP 1.0 §6) the wallet answers with this holder\'s verified credentials' }),
    ),
    disclose: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.Array(JsonPointer, { minItems: 1, maxItems: 100 }), {
        maxProperties: 50,
        description: 'ecdsa-sd-2023 credentials only: per wallet credential id, the claims to disclose beyond the mandatory ones',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CreateShareSchema = Type.Object(
  {
    credentialIds: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 }),
    expiresInSeconds: Type.Integer({ minimum: 1, maximum: 30 * 24 * 60 * 60, description: 'At most 30 days' }),
    audience: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'A viewer must give this as ?audience=' })),
    maxViews: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export const SharedQuery = Type.Object({ audience: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });

export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
