/**
 * Composition root: loadConfig → open storage → build services → createApp → listen. `openPlatform` is shared with
 * the CLI and the tests; only this file, cli/ and tests choose adapters (DESIGN.md §3 rule 5).
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { loadConfig, type Config } from './config/load-config.ts';
import { systemClock, type Clock } from './core/clock.ts';
import type { Store } from './core/ports.ts';
import { createDocumentLoader } from './contexts/document-loader.ts';
import { loadKek } from './crypto/kek.ts';
import { newUuid, secureRandomInt } from './crypto/random.ts';
import { createApp } from './http/create-app.ts';
import { createLogger, type Logger } from './http/logger.ts';
import { defineRoute, type RouteSpec } from './http/route.ts';
import { ensureAdminToken } from './http/tokens.ts';
import { loadCatalog, type Catalog } from './issuer/catalog.ts';
import { DEFAULT_ISSUER_SLUG, ensureIssuer } from './issuer/ensure-issuer.ts';
import type { IssuerDeps } from './issuer/issuer-deps.ts';
import { signStatement } from './issuer/index.ts';
import { issuerRoutes } from './issuer/routes.ts';
import { MIN_STATUS_LIST_LENGTH } from './core/status-bitstring.ts';
import { findIssuerByDid } from './issuer/find-issuer.ts';
import { didDocumentFor } from './issuer/issuer-documents.ts';
import { credentialSchemaUrl } from './issuer/issuer-deps.ts';
import { openBadgeCredentialSchema } from './issuer/open-badge-credential-schema.ts';
import { getStatusListCredential } from './issuer/status-list-credential.ts';
import { createDidWebResolver, createGuardedFetch, createLocalStatusListFetcher, createRemoteStatusListFetcher, trustedIssuersFromStore } from './verifier/index.ts';
import { verifierRoutes } from './verifier/routes.ts';
import { walletEmailRoutes } from './wallet-api/email-routes.ts';
import { walletRoutes } from './wallet-api/routes.ts';
import { authenticateHolder } from './wallet-api/authenticate-holder.ts';
import { badgeRoutes } from './wallet-api/badge-routes.ts';
import type { WalletDeps } from './wallet-api/wallet-deps.ts';
import { createMailer } from './mail/create-mailer.ts';
import { loadExampleJobs, type ExampleJob } from './marketplace/load-example-jobs.ts';
import { marketplaceRoutes } from './marketplace/routes.ts';
import { createWebhookWorker, type WebhookWorker } from './marketplace/deliver-webhooks.ts';
import { createRecheckWorker, type RecheckWorker } from './marketplace/recheck-worker.ts';
import type { MarketplaceDeps } from './marketplace/marketplace-deps.ts';
import { createGuardedPost } from './marketplace/post-webhook.ts';
import { recheckStatusEntry } from './marketplace/recheck-applications.ts';
import { webhookRoutes } from './marketplace/webhook-routes.ts';
import { isPublicAddress } from './verifier/is-public-address.ts';
import { createSkillDirectory } from './marketplace/skill-directory.ts';
import { createTransparencyLog, type TransparencyLog } from './log/create-transparency-log.ts';
import { logOrigin } from './log/log-key.ts';
import { openStore } from './storage/open-store.ts';
import { purgeExpiredRecords, type PurgeSummary } from './storage/purge-expired-records.ts';
import { createIntervalWorker, type IntervalWorker } from './core/interval-worker.ts';

export interface Platform {
  config: Config;
  store: Store;
  logger: Logger;
  issuerDeps: IssuerDeps;
  log: TransparencyLog;
  /** The webhook delivery worker (started by startServer). */
  webhooks: WebhookWorker;
  /** The periodic re-check of stored evidence older than 10 minutes (started by startServer; docs/decisions/0011). */
  rechecks: RecheckWorker;
  /** Hourly deletion of challenges, sessions and sign-in failure counts a day past their use (started by startServer; storage/purge-expired-records.ts). */
  purges: IntervalWorker<PurgeSummary>;
  app: ReturnType<typeof createApp>;
  /** Printed once by `serve` when the bootstrap admin token was just generated. */
  generatedAdminToken: string | null;
  close(): Promise<void>;
}

export interface PlatformOverrides {
  store?: Store;
  logger?: Logger;
  clock?: Clock;
  statusListLength?: number;
  /** Load examples/catalog at start (default true). */
  loadStarterCatalog?: boolean;
}

const ROOT = fileURLToPath(new URL('.', import.meta.url));

export function readStarterCatalog(): Catalog {
  const read = (name: string) => JSON.parse(readFileSync(`${ROOT}examples/catalog/${name}`, 'utf8'));
  return { framework: read('framework.json'), achievements: read('achievements.json') };
}

export async function openPlatform(config: Config, overrides: PlatformOverrides = {}): Promise<Platform> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const store = overrides.store ?? (await openStore({ databaseUrl: config.storage.databaseUrl ?? undefined, dataDir: config.storage.dataDir }));
  const clock = overrides.clock ?? systemClock;
  const kek = loadKek({ kek: config.security.kek ?? undefined, dataDir: config.storage.dataDir });
  const log = createTransparencyLog({ store, kek, clock, origin: logOrigin(config.server.publicUrl), logger });
  const issuerDeps: IssuerDeps = {
    store,
    kek,
    publicUrl: config.server.publicUrl,
    clock,
    newId: newUuid,
    randomInt: secureRandomInt,
    documentLoader: createDocumentLoader(),
    statusListLength: overrides.statusListLength ?? MIN_STATUS_LIST_LENGTH,
    onKeyEvent: log.appendKeyEvent,
    canonize: config.canonize,
  };
  const catalog = readStarterCatalog();
  const academy = await ensureIssuer(issuerDeps, {
    slug: DEFAULT_ISSUER_SLUG,
    name: 'Proofline Academy',
    didMethod: config.issuer.didMethod,
    profile: { description: 'AI-skills academy: prompt engineering, AI for business, agents, data analysis, responsible AI.' },
  });
  if (overrides.loadStarterCatalog !== false) {
    const added = await loadCatalog(issuerDeps, academy, catalog);
    if (added > 0) logger.info({ added }, 'starter catalog loaded');
    const jobs = JSON.parse(readFileSync(`${ROOT}examples/jobs.json`, 'utf8')) as ExampleJob[];
    const openings = await loadExampleJobs(store, jobs, { clock, newId: newUuid });
    if (openings > 0) logger.info({ openings }, 'example job openings loaded');
  }
  const generatedAdminToken = await ensureAdminToken(store, config.security.adminToken, clock());

  // The one client that fetches other issuers' DID documents and status lists (verifier/guarded-fetch.ts).
  const remoteDocuments = createGuardedFetch();
  // How this server verifies, for the verifier routes and the wallet alike: our own did:web documents and status lists
  // are answered locally, other issuers' through the guarded client; our credential schema is held locally.
  // Our own status lists are kept 5 s (a store read per status entry was most of a verification with all checks); a
  // status change in this process drops the kept list at once (afterStatusChanged below), other processes see it
  // within the 5 s, as a Bitstring Status List verifier may cache a list (docs/decisions/0005).
  const ownStatusLists = createLocalStatusListFetcher({
    publicUrl: config.server.publicUrl,
    load: (id) => getStatusListCredential(issuerDeps, id),
    cacheTtlMs: 5_000,
  });
  // Our credential schema, one object for the life of the process (the verifier caches its compiled validator by it).
  const ownSchema = openBadgeCredentialSchema(config.server.publicUrl);
  const verification = {
    resolveDid: createDidWebResolver(remoteDocuments, {
      publicUrl: config.server.publicUrl,
      ownResolver: async (did) => {
        const issuer = await store.issuers.getByDid(did);
        return issuer && issuer.didMethod === 'web' ? didDocumentFor(store, issuer) : null;
      },
    }),
    fetchStatusList: createRemoteStatusListFetcher(remoteDocuments, {
      publicUrl: config.server.publicUrl,
      local: ownStatusLists,
    }),
    loadSchema: async (id: string) => (id === credentialSchemaUrl(config.server.publicUrl) ? ownSchema : null),
  };
  const walletDeps: WalletDeps = {
    store,
    kek,
    clock,
    publicUrl: config.server.publicUrl,
    newId: newUuid,
    randomBytes: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
    documentLoader: issuerDeps.documentLoader,
    verification,
    canonize: config.canonize,
    logReceipt: (digest) => log.receipt(digest),
    ...(config.mail.smtpUrl ? { mailer: createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, logger }) } : {}),
  };
  const marketplaceDeps: MarketplaceDeps = {
    store,
    clock,
    newId: newUuid,
    randomBytes: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
    kek,
    publicUrl: config.server.publicUrl,
    skills: createSkillDirectory(catalog.framework),
    // The verifier routes' verification, trust registry included (DESIGN.md §3 rule 6: only verified credentials score).
    verification: {
      documentLoader: issuerDeps.documentLoader,
      ...verification,
      trustedIssuers: trustedIssuersFromStore(store, { ownIssuers: async (did) => (await findIssuerByDid(store, did)) !== null }),
    },
    // Match receipts are signed by the Academy, the platform's own issuer (issue 6 item 6).
    signReceipt: (unsigned) => signStatement(issuerDeps, academy, unsigned),
    // Candidates' marketplace routes under /wallet/ accept the wallet's holder access tokens (decision 0012).
    authenticateHolder: (authorization) => authenticateHolder({ store, clock }, authorization),
  };
  // A status change of ours re-checks the applications relying on that credential once it committed (docs/decisions/0011).
  issuerDeps.afterStatusChanged = async (event) => {
    ownStatusLists.invalidate(event.statusListCredential);
    await recheckStatusEntry(marketplaceDeps, event.statusListCredential, event.statusListIndex).then(
      () => undefined,
      (error: unknown) => logger.error({ err: error, credentialId: event.credentialId }, 'marketplace re-check after a status change failed'),
    );
  };
  // Webhook outbox worker: outbound POSTs only through the guarded client (https, public addresses only).
  const webhooks = createWebhookWorker({
    store,
    clock,
    kek,
    postWebhook: createGuardedPost({ isPublicAddress }),
    onError: (error) => logger.error({ err: error }, 'webhook delivery pass failed'),
  });
  const rechecks = createRecheckWorker({ ...marketplaceDeps, onError: (error) => logger.error({ err: error }, 'evidence re-check pass failed') });
  const purges = createIntervalWorker(
    async () => {
      const purged = await purgeExpiredRecords(store, { now: clock() });
      if (Object.values(purged).some((count) => count > 0)) logger.info({ purged }, 'expired records purged');
      return purged;
    },
    {
      intervalMs: 60 * 60_000,
      onError: (error) => logger.error({ err: error }, 'purging expired records failed'),
      fallback: () => ({ challenges: 0, holderSessions: 0, employerSessions: 0, signInFailures: 0 }),
    },
  );
  // Sign-up, sign-in and refresh, per client (socket address) and minute: holders and employers alike.
  const authRateLimit = { windowMs: 60_000, limit: config.security.authRateLimitPerMinute };
  const routes: RouteSpec[] = [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'health',
      summary: 'Liveness',
      tags: ['meta'],
      responses: { 200: { description: 'Alive', schema: Type.Object({ status: Type.Literal('ok') }) } },
      handler: () => ({ status: 'ok' }),
    }),
    ...issuerRoutes({
      ...issuerDeps,
      framework: catalog.framework,
      onIssued: log.onIssued,
      onStatusChanged: log.onStatusChanged,
      logReceipt: async (digest) => {
        const receipt = await log.receipt(digest, { withProof: false });
        return receipt ? { index: receipt.index, leafHash: receipt.leafHash } : null;
      },
    }),
    ...log.routes,
    ...verifierRoutes({
      clock,
      documentLoader: issuerDeps.documentLoader,
      ...verification,
      // Our own issuers always; others as the trusted_issuers registry says (GET/POST/DELETE /trust/issuers).
      trustedIssuers: trustedIssuersFromStore(store, { ownIssuers: async (did) => (await findIssuerByDid(store, did)) !== null }),
      // Challenges (POST /challenges, POST /presentations/verify) and the registry live in the database.
      store,
      canonizeMode: config.canonize,
      logInclusion: { logKey: async () => (await log.logKey()).verifierKey, receiptFor: (digest) => log.receipt(digest) },
    }),
    ...walletRoutes({ ...walletDeps, rateLimit: authRateLimit }),
    ...badgeRoutes(walletDeps),
    ...walletEmailRoutes(walletDeps),
    ...marketplaceRoutes({ ...marketplaceDeps, authRateLimit }),
    ...webhookRoutes(marketplaceDeps),
  ];
  const app = createApp({ store, logger, publicUrl: config.server.publicUrl, routes });
  return {
    config,
    store,
    logger,
    issuerDeps,
    log,
    app,
    generatedAdminToken,
    webhooks,
    rechecks,
    purges,
    close: async () => {
      await webhooks.stop();
      await rechecks.stop();
      await purges.stop();
      await log.stop();
      await store.close();
    },
  };
}

export async function startServer(config: Config): Promise<{ platform: Platform; server: Server }> {
  const platform = await openPlatform(config);
  platform.log.start();
  platform.webhooks.start();
  platform.rechecks.start();
  platform.purges.start();
  void platform.purges.runOnce();
  const server = config.tls
    ? createHttpsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, platform.app)
    : createHttpServer(platform.app);
  // Slow clients cannot hold sockets forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve) => server.listen(config.server.port, config.server.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  platform.logger.info({ url: `${config.tls ? 'https' : 'http'}://${config.server.host}:${port}`, publicUrl: config.server.publicUrl, store: platform.store.kind }, 'proofline listening');
  if (platform.generatedAdminToken) {
    // Printed once, to the terminal only (never logged): it is stored hashed.
    process.stdout.write(`\nBootstrap admin token (shown once, store it now):\n  ${platform.generatedAdminToken}\n\n`);
  }
  const shutdown = async () => {
    server.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return { platform, server };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startServer(loadConfig()).catch((error: unknown) => {
    const e = error as { code?: string; message?: string; details?: unknown };
    process.stderr.write(`proofline: ${e.code ?? 'ERROR'}: ${e.message ?? String(error)}\n`);
    process.exit(1);
  });
}
