// Base styles first, so component styles can refine them.
import './styles/base.css';
import { render } from 'preact';
import { App } from './App.js';
import { locale } from './i18n/i18n.js';
import { startAgentStatus } from './state/agent-status.js';
import { syncDocumentTitle } from './state/notifications.js';
import { startRealtime } from './state/realtime.js';
import { restoreSession } from './state/session.js';

document.documentElement.lang = locale;
startRealtime();
startAgentStatus();
syncDocumentTitle();
void restoreSession();
render(<App />, document.getElementById('app')!);
