import { builder } from './builder.js';
import './failures.js';
import './filters.js';
import './kpis.js';
import './patterns.js';
import './channels.js';
import './sessions.js';
import './activity.js';
import './habits.js';
import './topics.js';
import './evolution.js';
import './quality.js';
import './viewer.js';
import './ingest.js';
import './admin.js';
import './live.js';

export const schema = builder.toSchema({ sortSchema: true });
