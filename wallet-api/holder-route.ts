/**
 * A route only a signed-in holder reaches: the handler receives the holder authenticated from the bearer access token
 * (authenticate-holder.ts), and every service it calls names that holder, so another holder's ids answer 404.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { defineRoute, type RouteContext, type RouteSpec } from '../http/route.ts';
import { authenticateHolder, type HolderPrincipal } from './authenticate-holder.ts';
import type { WalletDeps } from './wallet-deps.ts';

export const UNAUTHENTICATED = { description: 'No valid holder access token' };

export type HolderContext<B extends TSchema, Q extends TSchema, P extends TSchema> = RouteContext<Static<B>, Static<Q>, Static<P>> & { holder: HolderPrincipal };
export type HolderRouteSpec<B extends TSchema, Q extends TSchema, P extends TSchema> = Omit<RouteSpec<B, Q, P>, 'handler' | 'auth' | 'scope'> & {
  handler: (ctx: HolderContext<B, Q, P>) => Promise<unknown>;
};

export function holderRouteFor(deps: WalletDeps) {
  return <B extends TSchema, Q extends TSchema, P extends TSchema>(spec: HolderRouteSpec<B, Q, P>): RouteSpec =>
    defineRoute<B, Q, P>({
      ...spec,
      auth: 'holder',
      responses: { ...spec.responses, 401: UNAUTHENTICATED },
      // Authenticated before the input is validated: without a valid token, a 401 whatever the body.
      authenticate: (req) => authenticateHolder(deps, req.get('authorization')),
      handler: async (ctx) => spec.handler({ ...ctx, holder: ctx.caller as HolderPrincipal }),
    });
}
