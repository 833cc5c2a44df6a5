/** OpenAPI 3.1 from the route table: JSON Schema 2020-12 is OpenAPI 3.1's schema dialect, so TypeBox schemas fit. */
import type { RouteSpec } from './route.ts';

export function buildOpenApi(routes: RouteSpec[], info: { publicUrl: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      const properties = (schema as { properties?: Record<string, unknown>; required?: string[] } | undefined)?.properties;
      for (const [name, propertySchema] of Object.entries(properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || ((schema as { required?: string[] }).required ?? []).includes(name),
          schema: propertySchema,
        });
      }
    }
    for (const header of route.headers ?? []) {
      parameters.push({ name: header.name, in: 'header', required: header.required, description: header.description, schema: { type: 'string' } });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const contentType = response.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
      responses[status] = {
        description: response.description,
        ...(response.schema || Number(status) >= 400
          ? { content: { [contentType]: { schema: response.schema ?? { $ref: '#/components/schemas/Problem' } } } }
          : {}),
      };
    }
    (paths[path] ??= {})[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: !route.optionalBody, content: { 'application/json': { schema: route.body } } } } : {}),
      ...(route.scope ? { security: [{ bearer: [route.scope] }] } : route.auth === 'holder' ? { security: [{ holder: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Proofline API',
      version: info.version,
      description: 'Issue, hold, verify and match verifiable AI-skills credentials (VC 2.0, Open Badges 3.0, VC-API).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: info.publicUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Scoped token: admin, issue, status, catalog, keys, match' },
        holder: { type: 'http', scheme: 'bearer', description: 'A wallet holder\'s access token (POST /wallet/sessions)' },
      },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            requestId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } } },
          },
          required: ['type', 'title', 'status', 'code'],
        },
      },
    },
  };
}
