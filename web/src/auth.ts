/**
 * Where the page gets its bearer token: `getToken` is asked before every request, and again with
 * `refresh: true` after a 401. Local mode needs none. Wire an identity provider here (README,
 * "The dashboard page": Clerk, Auth0).
 */
export type TokenProvider = (options: { refresh: boolean }) => string | null | undefined | Promise<string | null | undefined>;

let provider: TokenProvider = () => null;

/** Replaces the token provider (call before the first request, e.g. in main.tsx). */
export function setTokenProvider(next: TokenProvider): void {
  provider = next;
}

export const getToken: TokenProvider = (options) => provider(options);
