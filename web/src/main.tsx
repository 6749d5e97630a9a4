/** Entry point: configure the one client (token, documents, CSRF header) and render the dashboard. */
import { render } from 'preact';
import { createClient, type DocumentMode } from './api/client.js';
import { App, preloadDashboard } from './app.js';
import { getToken } from './auth.js';
import './styles.css';

// Ids instead of query text when the build says so (VITE_WG_DOCUMENTS=persisted) or the page does
// (the gateway writes <meta name="watchgraph-documents" content="persisted"> when it accepts only trusted documents).
const fromPage = document.querySelector<HTMLMetaElement>('meta[name="watchgraph-documents"]')?.content;
const documents: DocumentMode =
  import.meta.env.VITE_WG_DOCUMENTS === 'persisted' || fromPage === 'persisted' ? 'persisted' : 'text';

const client = createClient({
  endpoint: import.meta.env.VITE_WG_ENDPOINT || '/graphql',
  getToken,
  documents,
});

// The data request leaves before the first render, so it runs while the page sets itself up.
const preload = preloadDashboard(client);
const root = document.getElementById('app');
if (root) render(<App client={client} preload={preload} />, root);
