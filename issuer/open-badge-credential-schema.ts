/**
 * The JSON Schema (2020-12) our OpenBadgeCredentials name in `credentialSchema` (type JsonSchema, VC JSON Schema
 * §2.1), served at /schemas/open-badge-credential.json. It pins what a consumer may rely on, not every OB field.
 */
export function openBadgeCredentialSchema(publicUrl: string): Record<string, unknown> {
  const uri = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*:[^\\s]+$' };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${publicUrl}/schemas/open-badge-credential.json`,
    title: 'Proofline OpenBadgeCredential',
    type: 'object',
    required: ['@context', 'id', 'type', 'issuer', 'validFrom', 'credentialSubject'],
    properties: {
      '@context': {
        type: 'array',
        prefixItems: [{ const: 'https://www.w3.org/ns/credentials/v2' }],
        contains: { type: 'string', pattern: '^https://purl\\.imsglobal\\.org/spec/ob/v3p0/context-3\\.0\\.[0-9]+\\.json$' },
      },
      id: uri,
      type: { type: 'array', allOf: [{ contains: { const: 'VerifiableCredential' } }, { contains: { const: 'OpenBadgeCredential' } }] },
      issuer: { type: 'object', required: ['id', 'type', 'name'], properties: { id: uri, name: { type: 'string' } } },
      validFrom: { type: 'string', format: 'date-time' },
      validUntil: { type: 'string', format: 'date-time' },
      credentialSubject: {
        type: 'object',
        required: ['type', 'achievement'],
        anyOf: [{ required: ['id'] }, { required: ['identifier'] }],
        properties: {
          id: uri,
          type: { type: 'array', contains: { const: 'AchievementSubject' } },
          achievement: {
            type: 'object',
            required: ['id', 'type', 'name', 'criteria'],
            properties: {
              id: uri,
              type: { type: 'array', contains: { const: 'Achievement' } },
              alignment: {
                type: 'array',
                items: { type: 'object', required: ['type', 'targetName', 'targetUrl'], properties: { targetUrl: uri } },
              },
            },
          },
          result: { type: 'array', items: { type: 'object', required: ['type'] } },
        },
      },
      evidence: { type: 'array', items: { type: 'object', required: ['type'] } },
      credentialStatus: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type', 'statusPurpose', 'statusListIndex', 'statusListCredential'],
          properties: { type: { const: 'BitstringStatusListEntry' }, statusListIndex: { type: 'string', pattern: '^[0-9]+$' } },
        },
      },
    },
  };
}
