/**
 * createApp(deps): the HTTP edge. Middleware, authentication, validation, problem+json; each role's routes plug in as
 * data (RouteSpec). A route parses, calls one service, serialises.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { Store } from '../core/ports.ts';
import { isProoflineError, MalformedRequestError, ProoflineError } from '../core/errors.ts';
import { assertScope, authenticate } from './auth.ts';
import { buildOpenApi } from './openapi.ts';
import { problemFor, statusForCode } from './problem.ts';
import { isHttpResult, type RouteSpec } from './route.ts';
import { compileValidator } from './validate.ts';
import type { Logger } from './logger.ts';

export interface AppDeps {
  store: Store;
  logger: Logger;
  publicUrl: string;
  routes: RouteSpec[];
  version?: string;
}

const JSON_TYPES = ['application/json', 'application/*+json', 'application/ld+json'];

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : globalThis.crypto.randomUUID();
    (req as Request & { id: string }).id = id;
    res.setHeader('X-Request-Id', id);
    next();
  });
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req) => (req as unknown as { id: string }).id,
      quietReqLogger: true,
      // Method, path and status only: headers (Authorization) and bodies (credentials, personal data) stay out of logs.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        // swagger-ui's page needs inline styles; nothing else is served as HTML.
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );

  const openapi = buildOpenApi(deps.routes, { publicUrl: deps.publicUrl, version: deps.version ?? '0.1.0' });
  app.get('/openapi.json', (_req, res) => void res.json(openapi));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'Proofline API' }));

  for (const route of deps.routes) mountRoute(app, route, deps);

  app.use((req, res) => {
    sendProblem(res, req, new ProoflineError('NOT_FOUND', `No route for ${req.method} ${req.path}.`));
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendProblem(res, req, toProoflineError(error), error);
  });
  return app;
}

function mountRoute(app: express.Express, route: RouteSpec, deps: AppDeps): void {
  const validateBody = route.body ? compileValidator(route.body) : null;
  const validateQuery = route.query ? compileValidator(route.query) : null;
  const validateParams = route.params ? compileValidator(route.params) : null;
  const parseJson = express.json({ limit: route.bodyLimit ?? '1mb', type: JSON_TYPES, strict: true });

  const handlers: express.RequestHandler[] = [];
  if (route.rateLimit) {
    // In memory, per process and per route; counted before the body is parsed, so a flood costs little.
    const { windowMs, limit } = route.rateLimit;
    handlers.push(
      rateLimit({
        windowMs,
        limit,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        // The library has set Retry-After and RateLimit headers; the body is our problem+json.
        handler: (_req, _res, next) => next(new ProoflineError('RATE_LIMITED', `More than ${limit} requests in ${Math.ceil(windowMs / 1000)} s from this client; retry later.`)),
      }),
    );
  }
  if (route.body) {
    handlers.push((req, _res, next) => {
      const length = Number(req.get('content-length') ?? '0');
      if ((length > 0 || req.get('transfer-encoding')) && !req.is(JSON_TYPES)) {
        next(new ProoflineError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON (Content-Type: application/json).'));
        return;
      }
      next();
    }, parseJson);
  }
  handlers.push(async (req, res, next) => {
    try {
      const principal = route.auth === 'holder' ? null : await authenticate(deps.store, req.get('authorization'));
      if (route.scope) assertScope(principal, route.scope);
      const caller = route.authenticate ? await route.authenticate(req) : undefined;
      const body = route.body ? req.body : undefined;
      if (validateBody && !(body === undefined && route.optionalBody)) {
        if (body === undefined) throw new MalformedRequestError('A JSON request body is required.');
        validateBody(body, 'body');
      }
      const query = { ...(req.query as Record<string, unknown>) };
      validateQuery?.(query, 'query');
      const params = { ...req.params };
      validateParams?.(params, 'params');
      const result = await route.handler({
        body,
        query,
        params,
        principal,
        caller,
        requestId: (req as Request & { id: string }).id,
        req,
        res,
      });
      if (res.headersSent) return;
      if (isHttpResult(result)) {
        for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
        res.status(result.status);
        if (result.contentType) res.type(result.contentType);
        if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) res.send(result.body);
        else res.json(result.body);
      } else {
        res.status(200).json(result);
      }
    } catch (error) {
      next(error);
    }
  });
  app[route.method](route.path, ...handlers);
}

/** body-parser and express errors carry a `type`/`status`; map them without reading messages. */
function toProoflineError(error: unknown): ProoflineError {
  if (isProoflineError(error)) return error;
  const e = error as { type?: string; status?: number; statusCode?: number } | null;
  switch (e?.type) {
    case 'entity.too.large':
      return new ProoflineError('PAYLOAD_TOO_LARGE', 'The request body is larger than this route accepts.');
    case 'entity.parse.failed':
      return new MalformedRequestError('The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProoflineError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding or charset.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new MalformedRequestError('The request body could not be read.');
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new MalformedRequestError('The request could not be processed.');
  }
  return new ProoflineError('INTERNAL', 'Internal error', { cause: error });
}

export function sendProblem(res: Response, req: Request, error: ProoflineError, cause?: unknown): void {
  const requestId = (req as Request & { id?: string }).id;
  const status = statusForCode(error.code);
  if (status >= 500 && error.code !== 'OVERLOADED' && error.code !== 'MAIL_UNAVAILABLE') {
    req.log?.error({ err: cause ?? error, code: error.code }, 'request failed');
  }
  if (res.headersSent) return;
  const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (error.code === 'OVERLOADED' || error.code === 'STATUS_LIST_FULL' || (error.code === 'RATE_LIMITED' && retryAfter !== undefined)) {
    res.setHeader('Retry-After', String(retryAfter ?? 1));
  }
  if (error.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer realm="proofline"');
  const problem = problemFor(error.code, error.message, { errors: error.details, requestId, instance: req.originalUrl.split('?')[0] });
  res.status(status).type('application/problem+json').send(JSON.stringify(problem));
}
