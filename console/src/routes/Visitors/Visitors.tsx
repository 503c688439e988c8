import type { VisitorContext } from '@causette/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ConnectionBanner } from '../../components/ConnectionBanner/ConnectionBanner.js';
import { SiteSelector } from '../../components/SiteSelector/SiteSelector.js';
import { TopBar } from '../../components/TopBar/TopBar.js';
import { locale, t } from '../../i18n/i18n.js';
import { duration, money } from '../../lib/format.js';
import { sortVisitors, visitSource, visitStartedAt } from '../../lib/visitor-row.js';
import { connection } from '../../state/connection.js';
import { summaries } from '../../state/conversations.js';
import { isMine } from '../../state/inbox.js';
import { liveVisitors, liveVisitorsError, liveVisitorsLoad, watchLiveVisitors } from '../../state/live-visitors.js';
import { startConversation } from '../../state/realtime.js';
import { openConversation } from '../../state/router.js';
import { currentAgent } from '../../state/session.js';
import { loadSites, selectedSiteId, sites, triggersError } from '../../state/triggers.js';
import './Visitors.css';

/** A clock for "time on site", fine enough for seconds to move while the agent watches. */
function useClock(everyMs: number): number {
  const [at, setAt] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setAt(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return at;
}

/** Who is on the site now, with enough context to decide whom to greet, and a way to greet them. */
export function Visitors() {
  useEffect(() => void loadSites(), []);
  const siteId = selectedSiteId.value;
  useEffect(() => (siteId ? watchLiveVisitors(siteId) : undefined), [siteId]);
  const list = sortVisitors(liveVisitors.value);
  const online = list.filter((v) => v.online).length;
  return (
    <div class="shell">
      <TopBar />
      <ConnectionBanner />
      <main class="visitors-page">
        <header class="visitors-page__head">
          <div>
            <h1>{t('visitors.title')}</h1>
            <p class="hint">{t('visitors.subtitle')}</p>
          </div>
          <div class="visitors-page__side">
            {liveVisitorsLoad.value === 'loaded' && (
              <span class="chip" role="status" data-test="visitor-count">
                {t('visitors.count', { count: online })}
              </span>
            )}
            <SiteSelector />
          </div>
        </header>
        {(liveVisitorsError.value || (!siteId && triggersError.value)) && (
          <p class="form-error" role="alert">
            {liveVisitorsError.value ?? triggersError.value}
          </p>
        )}
        <Body siteId={siteId} list={list} />
      </main>
    </div>
  );
}

function Body({ siteId, list }: { siteId: string | null; list: VisitorContext[] }) {
  const load = liveVisitorsLoad.value;
  if (!siteId) return sites.value.length === 0 && triggersError.value ? null : <p class="hint">{sites.value.length ? t('visitors.noSite') : t('visitors.loading')}</p>;
  if (load === 'idle' || load === 'loading') return <p class="hint" role="status">{t('visitors.loading')}</p>;
  if (load === 'error') return null;
  if (list.length === 0) return <p class="hint" data-test="visitors-empty">{t('visitors.empty')}</p>;
  return <VisitorTable list={list} />;
}

export function VisitorTable({ list }: { list: readonly VisitorContext[] }) {
  const clock = useClock(5_000);
  const [composing, setComposing] = useState<string | null>(null);
  const agentId = currentAgent.value?.id;
  // A visitor already chatting with this agent gets "Open chat" instead of a second opening line.
  const myChatByVisitor = new Map(Object.values(summaries.value).filter((s) => isMine(s, agentId)).map((s) => [s.visitorId, s.id]));
  return (
    <div class="data-table-wrap">
      <table class="data-table visitors-table" data-test="visitors-table">
        <thead>
          <tr>
            <th scope="col">{t('visitors.col.visitor')}</th>
            <th scope="col">{t('visitors.col.page')}</th>
            <th scope="col">{t('visitors.col.time')}</th>
            <th scope="col">{t('visitors.col.cart')}</th>
            <th scope="col">{t('visitors.col.source')}</th>
            <th scope="col">{t('visitors.col.trigger')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('visitors.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((visitor) => {
            const chatId = myChatByVisitor.get(visitor.visitorId);
            return [
              <VisitorRow
                key={visitor.visitorId}
                visitor={visitor}
                clock={clock}
                chatId={chatId}
                composing={composing === visitor.visitorId}
                onStart={() => setComposing(visitor.visitorId)}
              />,
              composing === visitor.visitorId && !chatId && (
                <tr key={`${visitor.visitorId}-compose`} class="visitors-table__compose">
                  <td colSpan={7}>
                    <OpeningComposer visitor={visitor} onCancel={() => setComposing(null)} />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

function VisitorRow({
  visitor,
  clock,
  chatId,
  composing,
  onStart,
}: {
  visitor: VisitorContext;
  clock: number;
  chatId: string | undefined;
  composing: boolean;
  onStart: () => void;
}) {
  const page = visitor.currentPage;
  const source = visitSource(visitor);
  const offline = connection.value !== 'online';
  return (
    <tr data-test="visitor-row" data-visitor-id={visitor.visitorId} class={visitor.online ? '' : 'is-offline'}>
      <th scope="row" class="visitors-table__who">
        <span class={`dot${visitor.online ? ' is-online' : ''}`} aria-hidden="true" data-test="visitor-online" data-online={String(visitor.online)} />
        <span class="visually-hidden">{visitor.online ? t('visitors.online') : t('visitors.offline')}</span>
        <bdi data-test="visitor-name">{visitor.name}</bdi>
      </th>
      <td data-test="visitor-page" title={page?.url}>
        {page ? (
          <>
            <bdi class="visitors-table__title">{page.title || page.path}</bdi>
            {page.title && <bdi class="visitors-table__path">{page.path}</bdi>}
          </>
        ) : (
          <span class="hint">{t('visitors.noPage')}</span>
        )}
      </td>
      <td data-test="visitor-time">{duration(clock - visitStartedAt(visitor), locale)}</td>
      <td data-test="visitor-cart" class="visitors-table__number">
        {visitor.cart && visitor.cart.items.length > 0 ? money(visitor.cart.total, visitor.cart.currency, locale) : t('visitors.noCart')}
      </td>
      <td data-test="visitor-source">{source ? <bdi>{source}</bdi> : t('visitors.direct')}</td>
      <td data-test="visitor-trigger">{visitor.lastTrigger ? visitor.lastTrigger.triggerName : t('visitors.noTrigger')}</td>
      <td class="visitors-table__actions">
        {chatId ? (
          <button type="button" class="button" data-test="open-chat" onClick={() => openConversation(chatId)}>
            {t('visitors.openChat')}
          </button>
        ) : (
          <button
            type="button"
            class="button button--primary"
            data-test="start-chat"
            aria-expanded={composing}
            disabled={!visitor.online || offline}
            onClick={onStart}
          >
            {t('visitors.startChat')}
          </button>
        )}
      </td>
    </tr>
  );
}

function OpeningComposer({ visitor, onCancel }: { visitor: VisitorContext; onCancel: () => void }) {
  // One clientId per opening line: a retry after a timeout cannot start the chat twice.
  const [clientId] = useState(() => crypto.randomUUID());
  const [body, setBody] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const send = async () => {
    if (!body.trim() || pending) return;
    setPending(true);
    setError(null);
    const failure = await startConversation(visitor.visitorId, clientId, body);
    // On success the console has moved to the new chat and this composer is gone.
    if (failure) {
      setPending(false);
      setError(failure);
    }
  };
  const id = `opening-${visitor.visitorId}`;
  return (
    <form
      class="opening"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label for={id}>{t('visitors.openingLabel', { name: visitor.name })}</label>
      <textarea
        id={id}
        ref={field}
        name="opening-message"
        rows={2}
        maxLength={4000}
        value={body}
        placeholder={t('visitors.openingPlaceholder')}
        onInput={(e) => setBody(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      {error && (
        <p class="form-error" role="alert" data-test="start-chat-error">
          {error}
        </p>
      )}
      <div class="opening__actions">
        <button type="button" class="button" onClick={onCancel} disabled={pending}>
          {t('visitors.cancel')}
        </button>
        <button type="submit" class="button button--primary" data-test="start-chat-send" disabled={!body.trim() || pending || connection.value !== 'online'}>
          {pending ? t('visitors.sending') : t('visitors.send')}
        </button>
      </div>
    </form>
  );
}
