import { expect } from 'chai';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { EXPENSIVE_RATE_LIMIT, RECHECK_RATE_LIMIT } from './rate-limits.ts';
import { marketplaceRoutes } from './routes.ts';
import { webhookRoutes } from './webhook-routes.ts';

describe('marketplace rate limits', () => {
  it('limits the expensive routes per client: recommendations, matches, recheck', () => {
    const deps = { authenticateHolder: async () => ({ holderId: 'h' }) } as unknown as MarketplaceDeps;
    const routes = [...marketplaceRoutes(deps), ...webhookRoutes(deps)];
    const limitOf = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.rateLimit;
    expect(limitOf('get', '/wallet/recommendations')).to.deep.equal(EXPENSIVE_RATE_LIMIT);
    expect(limitOf('get', '/jobs/:id/matches')).to.deep.equal(EXPENSIVE_RATE_LIMIT);
    expect(limitOf('post', '/jobs/:id/recheck')).to.deep.equal(RECHECK_RATE_LIMIT);
  });
});
