import type { AuthConfig } from 'convex/server';

/**
 * Which identity provider's tokens the Convex deployment accepts for the public (`*.mine`,
 * `viewers.me`) functions, whose viewer is `ctx.auth.getUserIdentity().subject`.
 *
 * It uses the same issuer as the gateway (AUTH_ISSUER, see docs/auth.md), so a viewer's token
 * names the same viewer (`sub`) on both paths. Convex evaluates this file at deploy time with the
 * deployment's own environment, not the gateway's: set the variables there too
 * (`npx convex env set AUTH_ISSUER https://<issuer>`; optionally AUTH_AUDIENCE). The issuer must
 * serve OpenID discovery (`<issuer>/.well-known/openid-configuration`), as Clerk and Auth0 do; the
 * tokens' `aud` must contain `applicationID` (Clerk: a JWT template named "convex").
 * The gateway itself reaches Convex with a deploy key and needs none of this.
 */
export default {
  providers: [{ domain: process.env.AUTH_ISSUER!, applicationID: process.env.AUTH_AUDIENCE ?? 'convex' }],
} satisfies AuthConfig;
