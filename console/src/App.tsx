import { t } from './i18n/i18n.js';
import { Account } from './routes/Account/Account.js';
import { AuditLog } from './routes/AuditLog/AuditLog.js';
import { Inbox } from './routes/Inbox/Inbox.js';
import { Login } from './routes/Login/Login.js';
import { Reports } from './routes/Reports/Reports.js';
import { Settings } from './routes/Settings/Settings.js';
import { Supervisor } from './routes/Supervisor/Supervisor.js';
import { Triggers } from './routes/Triggers/Triggers.js';
import { Visitors } from './routes/Visitors/Visitors.js';
import { isTriggerRoute, route } from './state/router.js';
import { authState, can, canSupervise } from './state/session.js';

/** The session decides between login and the console; inside, the URL picks the screen and the role what is allowed. */
export function App() {
  switch (authState.value) {
    case 'checking':
      return (
        <div class="splash" role="status">
          {t('loading')}
        </div>
      );
    case 'anonymous':
      return <Login />;
    case 'enrol':
      return <Account />;
    case 'authenticated':
      // Every role has an account screen (two-factor, sign-ins).
      if (route.value.name === 'account') return <Account />;
      // A marketer has no inbox: every path leads to the triggers.
      if (!can('conversations.read') || isTriggerRoute(route.value)) return <Triggers />;
      if (route.value.name === 'settings' && can('settings.manage')) return <Settings />;
      if (route.value.name === 'audit' && can('audit.read')) return <AuditLog />;
      if (route.value.name === 'supervisor' && canSupervise.value) return <Supervisor />;
      if (route.value.name === 'reports' && can('reports.read')) return <Reports />;
      return route.value.name === 'visitors' ? <Visitors /> : <Inbox />;
  }
}
