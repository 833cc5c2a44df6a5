/**
 * A route is data: method, path, schemas, scope, handler. The same description drives request validation (ajv),
 * authentication and the OpenAPI 3.1 document, so the three never disagree.
 */
import type { Request, Response } from 'express';
import type { TSchema, Static } from '@sinclair/typebox';
import type { Scope } from '../core/ports.ts';
import type { Principal } from './auth.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: TSchema;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface RateLimit {
  /** The counting window. */
  windowMs: number;
  /** Requests allowed per client within one window. */
  limit: number;
}

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: Principal | null;
  /** What the route's `authenticate` returned (undefined without one). */
  caller?: unknown;
  requestId: string;
  req: Request;
  res: Response;
}

export interface RouteSpec<B extends TSchema = TSchema, Q extends TSchema = TSchema, P extends TSchema = TSchema> {
  method: HttpMethod;
  /** Express path syntax (`/issuers/:slug`); OpenAPI gets `{slug}`. */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  /** Required token scope; absent = public. */
  scope?: Scope;
  /**
   * 'holder': the bearer token is a wallet holder's access token, which the route checks itself (wallet-api/routes.ts);
   * API tokens are not consulted. Holders are not API clients: their tokens never carry scopes.
   */
  auth?: 'holder';
  /**
   * Authenticates a caller that is not an API token (a wallet holder) before the request's input is validated, so a
   * request without valid credentials is a 401 whatever its body; the result reaches the handler as `caller`.
   */
  authenticate?: (req: Request) => Promise<unknown>;
  body?: B;
  /** The body may be absent (then the handler sees undefined); when present it must match `body`. */
  optionalBody?: boolean;
  query?: Q;
  params?: P;
  /** Largest accepted body; defaults to 1 MB. */
  bodyLimit?: string;
  /** Per-client request limit for this route (client = socket address); over it: 429 RATE_LIMITED. */
  rateLimit?: RateLimit;
  /** Request headers documented and read by the handler (e.g. Idempotency-Key). */
  headers?: { name: string; required: boolean; description: string }[];
  responses: Record<number, ResponseSpec>;
  handler: (ctx: RouteContext<Static<B>, Static<Q>, Static<P>>) => Promise<unknown> | unknown;
}

/** Keeps the generic parameters when a route is written inline. */
export function defineRoute<B extends TSchema, Q extends TSchema, P extends TSchema>(
  spec: RouteSpec<B, Q, P>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** What a handler may return to set the status and headers itself. */
export interface HttpResult {
  readonly kind: 'http-result';
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export function reply(
  status: number,
  body: unknown,
  options: { contentType?: string; headers?: Record<string, string> } = {},
): HttpResult {
  return { kind: 'http-result', status, body, ...options };
}

export function isHttpResult(value: unknown): value is HttpResult {
  return typeof value === 'object' && value !== null && (value as HttpResult).kind === 'http-result';
}
