/**
 * Per-client limits (client = socket address) of the marketplace's expensive routes: each call re-verifies or ranks
 * many credentials (GET /wallet/recommendations verifies every wallet credential; GET /jobs/{id}/matches ranks and
 * signs receipts; POST /jobs/{id}/recheck re-verifies an opening's every application).
 */
import type { RateLimit } from '../http/route.ts';

export const EXPENSIVE_RATE_LIMIT: RateLimit = { windowMs: 60_000, limit: 60 };
export const RECHECK_RATE_LIMIT: RateLimit = { windowMs: 60_000, limit: 10 };
