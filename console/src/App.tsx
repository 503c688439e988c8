import { t } from './i18n/i18n.js';
import { Inbox } from './routes/Inbox/Inbox.js';
import { Login } from './routes/Login/Login.js';
import { authState } from './state/session.js';

/** The session decides the screen; the URL only picks the chat inside the inbox. */
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
    case 'authenticated':
      return <Inbox />;
  }
}
