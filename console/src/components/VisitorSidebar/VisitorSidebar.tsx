import type { Cart, ConversationSummary, PageView, VisitorContext } from '@causette/shared';
import { useEffect, useState } from 'preact/hooks';
import { locale, t } from '../../i18n/i18n.js';
import { clockTime, duration, fullDate, localTime, money, now } from '../../lib/format.js';
import { eraseVisitorData, exportVisitorData } from '../../state/privacy.js';
import { can } from '../../state/session.js';
import { visitorContexts, visitorLoad } from '../../state/visitors.js';
import { loadSites, sites } from '../../state/triggers.js';
import { RatingBadge } from '../RatingBadge/RatingBadge.js';
import { initial } from '../TopBar/TopBar.js';
import './VisitorSidebar.css';

export function VisitorSidebar({ conversation }: { conversation: ConversationSummary }) {
  const context = visitorContexts.value[conversation.visitorId];
  const load = visitorLoad.value[conversation.visitorId];
  return (
    <aside class="sidebar" data-test="sidebar" aria-label={t('sidebar.label')}>
      {context ? (
        <Context context={context} startedBy={conversation.startedBy} />
      ) : (
        <>
          <Identity name={conversation.visitorName} email={null} online={undefined} verified={false} />
          <p class="sidebar__status">{load === 'error' ? t('sidebar.unavailable') : t('sidebar.loading')}</p>
          <StartedBy startedBy={conversation.startedBy} />
        </>
      )}
      <ChatAnswers conversation={conversation} />
      {can('visitors.privacy') && <PrivacyTools key={conversation.visitorId} visitorId={conversation.visitorId} />}
    </aside>
  );
}

function Context({ context, startedBy }: { context: VisitorContext; startedBy: ConversationSummary['startedBy'] }) {
  return (
    <>
      <Identity name={context.name} email={context.email} online={context.online} verified={context.verified} />
      <StartedBy startedBy={startedBy} />
      <section class="sidebar__section" aria-labelledby="sidebar-page">
        <h2 id="sidebar-page">{t('sidebar.currentPage')}</h2>
        {context.currentPage ? <CurrentPage page={context.currentPage} /> : <p class="sidebar__muted">{t('sidebar.noPage')}</p>}
      </section>
      {context.journey.length > 0 && (
        <section class="sidebar__section" aria-labelledby="sidebar-journey">
          <h2 id="sidebar-journey">{t('sidebar.journey')}</h2>
          <Journey pages={context.journey} online={context.online} />
        </section>
      )}
      <section class="sidebar__section" aria-labelledby="sidebar-cart">
        <h2 id="sidebar-cart">{t('sidebar.cart')}</h2>
        <CartView cart={context.cart} />
      </section>
      <section class="sidebar__section" aria-labelledby="sidebar-source">
        <h2 id="sidebar-source">{t('sidebar.source')}</h2>
        <Source referrer={context.referrer} utm={context.utm} />
      </section>
      {context.lastTrigger && (
        <section class="sidebar__section" aria-labelledby="sidebar-last-trigger">
          <h2 id="sidebar-last-trigger">{t('sidebar.lastTrigger')}</h2>
          <p class="sidebar__trigger" data-test="last-trigger">
            <span>{context.lastTrigger.triggerName}</span>
            <span class="chip chip--muted">{t('sidebar.variant', { id: context.lastTrigger.variant })}</span>
            <time class="sidebar__muted" dateTime={new Date(context.lastTrigger.at).toISOString()}>
              {clockTime(context.lastTrigger.at, locale)}
            </time>
          </p>
        </section>
      )}
      <section class="sidebar__section" aria-labelledby="sidebar-details">
        <h2 id="sidebar-details">{t('sidebar.details')}</h2>
        <dl class="sidebar__details">
          <Detail label={t('sidebar.device')} value={context.device} />
          <Detail label={t('sidebar.browser')} value={context.browser} />
          <Detail label={t('sidebar.os')} value={context.os} />
          <Detail label={t('sidebar.language')} value={context.language} />
          {context.timeZone && <Detail label={t('sidebar.localTime')} value={localTime(now.value, context.timeZone, locale)} />}
          <Detail label={t('sidebar.visits')} value={String(context.visitCount)} />
          <Detail label={t('sidebar.firstSeen')} value={fullDate(context.firstSeenAt, locale)} />
        </dl>
      </section>
    </>
  );
}

/** The visitor's rating of a closed chat, live, and their pre-chat answers under the site's wording. */
function ChatAnswers({ conversation }: { conversation: ConversationSummary }) {
  const answers = Object.entries(conversation.fields ?? {});
  const site = sites.value.find((s) => s.id === conversation.siteId);
  // Agents may read their sites; the questions' wording lives in the site's settings.
  useEffect(() => {
    if (answers.length && !site) void loadSites();
  }, [answers.length > 0, !site]);
  const labelOf = (id: string) => site?.settings.prechat?.fields.find((f) => f.id === id)?.label ?? id;
  const rating = conversation.rating;
  return (
    <>
      {rating && (
        <section class="sidebar__section" aria-labelledby="sidebar-rating" data-part="sidebar-rating">
          <h2 id="sidebar-rating">{t('rating.title')}</h2>
          <RatingBadge score={rating.score} />
          {rating.comment && (
            <blockquote class="sidebar__comment" data-part="rating-comment">
              {rating.comment}
            </blockquote>
          )}
        </section>
      )}
      {(answers.length > 0 || conversation.teamName) && (
        <section class="sidebar__section" aria-labelledby="sidebar-prechat" data-part="prechat-answers">
          <h2 id="sidebar-prechat">{t('sidebar.prechat')}</h2>
          <dl class="sidebar__details">
            {conversation.teamName && <Detail label={t('sidebar.team')} value={conversation.teamName} />}
            {answers.map(([id, value]) => (
              <Detail key={id} label={labelOf(id)} value={value} />
            ))}
          </dl>
        </section>
      )}
    </>
  );
}

function Identity({ name, email, online, verified }: { name: string; email: string | null; online: boolean | undefined; verified: boolean }) {
  return (
    <div class="sidebar__identity">
      <span class="avatar avatar--large" aria-hidden="true">
        {initial(name)}
        {online !== undefined && <span class={`presence${online ? ' is-online' : ''}`} />}
      </span>
      <div class="sidebar__who">
        <div class="sidebar__name">
          <bdi data-part="visitor-name">{name}</bdi>
          {verified && (
            <span class="chip chip--ok" data-part="verified" title={t('sidebar.verifiedHint')}>
              {t('sidebar.verified')}
            </span>
          )}
        </div>
        {email && (
          <div class="sidebar__email-line">
            <a class="sidebar__email" href={`mailto:${email}`} data-part="email">
              <bdi>{email}</bdi>
            </a>
            {/* An address the shop did not sign may be anyone's: the agent should not trust it with account matters. */}
            {!verified && (
              <span class="chip chip--warn" data-part="unverified" title={t('sidebar.unverifiedHint')}>
                {t('sidebar.unverified')}
              </span>
            )}
          </div>
        )}
        {online !== undefined && (
          <div class={`sidebar__presence${online ? ' is-online' : ''}`}>{online ? t('sidebar.online') : t('sidebar.offline')}</div>
        )}
      </div>
    </div>
  );
}

/** Admins only: a visitor's data-access request (export) and erasure (after a confirm). */
function PrivacyTools({ visitorId }: { visitorId: string }) {
  const [busy, setBusy] = useState<'export' | 'erase' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: 'export' | 'erase') => {
    setBusy(action);
    setError(null);
    const failure = await (action === 'export' ? exportVisitorData(visitorId) : eraseVisitorData(visitorId));
    setBusy(null);
    setError(failure);
    // On success the chat and this sidebar go (conversation:remove); a failure leaves the question open.
  };
  return (
    <section class="sidebar__section sidebar__privacy" aria-labelledby="sidebar-privacy">
      <h2 id="sidebar-privacy">{t('privacy.title')}</h2>
      <div class="sidebar__privacy-actions">
        <button type="button" class="button" data-action="export-visitor" disabled={busy !== null} onClick={() => void run('export')}>
          {busy === 'export' ? t('privacy.exporting') : t('privacy.export')}
        </button>
        {!confirming && (
          <button
            type="button"
            class="button sidebar__danger"
            data-action="erase-visitor"
            disabled={busy !== null}
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            {t('privacy.erase')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="sidebar__confirm" role="group" aria-labelledby="sidebar-erase-question" data-part="erase-confirm">
          <p id="sidebar-erase-question">{t('privacy.eraseConfirm')}</p>
          <div class="sidebar__privacy-actions">
            <button
              type="button"
              class="button sidebar__danger"
              data-action="erase-visitor-confirm"
              disabled={busy !== null}
              onClick={() => void run('erase')}
            >
              {busy === 'erase' ? t('privacy.erasing') : t('privacy.eraseYes')}
            </button>
            <button type="button" class="button" data-action="erase-visitor-cancel" disabled={busy !== null} onClick={() => setConfirming(false)}>
              {t('privacy.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p class="form-error" role="alert" data-part="privacy-error">
          {error}
        </p>
      )}
    </section>
  );
}

function CurrentPage({ page }: { page: PageView }) {
  return (
    <div class="sidebar__page" data-test="current-page">
      {/* A link only to a web page: a stored `javascript:` or `data:` address stays text. */}
      {/^https?:\/\//i.test(page.url) ? (
        <a href={page.url} target="_blank" rel="noopener noreferrer" class="sidebar__page-title">
          <bdi>{page.title || page.path}</bdi>
        </a>
      ) : (
        <bdi class="sidebar__page-title">{page.title || page.path}</bdi>
      )}
      <div class="sidebar__url" title={page.url}>
        <bdi>{page.path}</bdi>
      </div>
    </div>
  );
}

function Journey({ pages, online }: { pages: readonly PageView[]; online: boolean }) {
  return (
    <ol class="journey">
      {pages.map((page, index) => {
        const next = pages[index + 1];
        const isLast = !next;
        const spent = next ? next.at - page.at : online ? now.value - page.at : null;
        return (
          <li key={`${page.at}-${index}`} class={`journey__item${isLast ? ' is-current' : ''}`} data-test="journey-item">
            <time class="journey__time" dateTime={new Date(page.at).toISOString()}>
              {clockTime(page.at, locale)}
            </time>
            <div class="journey__page">
              <bdi class="journey__title">{page.title || page.path}</bdi>
              <bdi class="journey__path" title={page.url}>
                {page.path}
              </bdi>
            </div>
            {spent !== null && <span class="journey__spent">{duration(spent, locale)}</span>}
          </li>
        );
      })}
    </ol>
  );
}

function CartView({ cart }: { cart: Cart | null }) {
  if (!cart || cart.items.length === 0) {
    return (
      <div data-test="cart" class="cart">
        <p class="sidebar__muted">{t('sidebar.cartEmpty')}</p>
      </div>
    );
  }
  const format = (amount: number) => money(amount, cart.currency, locale);
  return (
    <div data-test="cart" class="cart">
      <ul class="cart__items">
        {cart.items.map((item) => (
          <li key={item.sku} class="cart__item" data-test="cart-item">
            <bdi class="cart__name">{item.name || item.sku}</bdi>
            <span class="cart__qty">
              {item.qty} × {format(item.price)}
            </span>
            <span class="cart__line">{format(item.qty * item.price)}</span>
          </li>
        ))}
      </ul>
      <div class="cart__total" data-test="cart-total">
        <span>{t('sidebar.total')}</span>
        <strong>{format(cart.total)}</strong>
      </div>
    </div>
  );
}

/** Which proactive message the visitor answered: the marketer's work, visible to the agent. */
function StartedBy({ startedBy }: { startedBy: ConversationSummary['startedBy'] }) {
  if (!startedBy) return null;
  return (
    <section class="sidebar__section" aria-labelledby="sidebar-started-by">
      <h2 id="sidebar-started-by">{t('sidebar.startedBy')}</h2>
      <p class="sidebar__trigger" data-test="started-by">
        <span>{startedBy.triggerName}</span>
        <span class="chip">{t('sidebar.variant', { id: startedBy.variant })}</span>
      </p>
    </section>
  );
}

/** The referrer's host is enough to recognise it; UTM parameters say which campaign. */
export function sourceLines(referrer: string, utm: VisitorContext['utm']): string[] {
  const lines: string[] = [];
  if (referrer) {
    try {
      lines.push(new URL(referrer).host || referrer);
    } catch {
      lines.push(referrer);
    }
  }
  const campaign = [utm.source, utm.medium, utm.campaign].filter(Boolean).join(' / ');
  if (campaign) lines.push(`utm: ${campaign}`);
  return lines;
}

function Source({ referrer, utm }: { referrer: string; utm: VisitorContext['utm'] }) {
  const lines = sourceLines(referrer, utm);
  return (
    <div class="sidebar__source" data-test="source" title={referrer || undefined}>
      {lines.length === 0 ? <p class="sidebar__muted">{t('sidebar.direct')}</p> : lines.map((line) => (
            <p key={line}>
              <bdi>{line}</bdi>
            </p>
          ))}
    </div>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <bdi>{value}</bdi>
      </dd>
    </>
  );
}
