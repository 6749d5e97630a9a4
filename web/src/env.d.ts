/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `persisted`: send documentIds (trusted documents only). */
  readonly VITE_WG_DOCUMENTS?: string;
  /** The GraphQL endpoint; default `/graphql` on the page's origin. */
  readonly VITE_WG_ENDPOINT?: string;
}
