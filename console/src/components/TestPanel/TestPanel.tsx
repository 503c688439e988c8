import { isolated } from '@causette/shared/bidi';
import type { VisitorContext } from '@causette/shared';
import { useEffect, useState } from 'preact/hooks';
import { listLiveVisitors, testTriggers, type TestState, type TriggerTestResult } from '../../api/triggers.js';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { errorText } from '../../state/triggers.js';
import './TestPanel.css';

export interface TestForm {
  path: string;
  cartTotal: string;
  timeOnPage: string;
  scroll: string;
  exitIntent: boolean;
  utmSource: string;
}

export const emptyTestForm = (): TestForm => ({ path: '/', cartTotal: '0', timeOnPage: '0', scroll: '0', exitIntent: false, utmSource: '' });

export function formFromVisitor(visitor: VisitorContext): TestForm {
  return {
    ...emptyTestForm(),
    path: visitor.currentPage?.path ?? '/',
    cartTotal: String(visitor.cart?.total ?? 0),
    utmSource: visitor.utm.source,
  };
}

const num = (text: string) => {
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : 0;
};

/** Only what the form shows; the server fills the rest from the picked visitor or its defaults. */
export function stateFromForm(form: TestForm): TestState {
  return {
    page: { path: form.path },
    cart: { total: Math.max(0, num(form.cartTotal)) },
    timeOnPage: Math.max(0, Math.round(num(form.timeOnPage))),
    scrollDepth: Math.min(100, Math.max(0, Math.round(num(form.scroll)))),
    exitIntent: form.exitIntent,
    utm: { source: form.utmSource },
  };
}

/** Dry-runs the site's saved triggers against a live visitor or a made-up state, and says why each would or would not show. */
export function TestPanel({ siteId, triggerId }: { siteId: string; triggerId: string | null }) {
  const [visitors, setVisitors] = useState<readonly VisitorContext[]>([]);
  const [visitorId, setVisitorId] = useState('');
  const [form, setForm] = useState<TestForm>(emptyTestForm);
  const [edited, setEdited] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<readonly TriggerTestResult[] | null>(null);

  const refresh = async () => {
    try {
      setVisitors((await listLiveVisitors(siteId)).items);
    } catch {
      setVisitors([]);
    }
  };
  useEffect(() => void refresh(), [siteId]);

  const pick = (id: string) => {
    setVisitorId(id);
    const visitor = visitors.find((v) => v.visitorId === id);
    setForm(visitor ? formFromVisitor(visitor) : emptyTestForm());
    setEdited(false);
  };
  const change = (patch: Partial<TestForm>) => {
    setForm({ ...form, ...patch });
    setEdited(true);
  };

  const run = async (event: Event) => {
    event.preventDefault();
    setRunning(true);
    setError(null);
    try {
      // A picked visitor is tested as they are, unless the marketer changed the form on top of them.
      const body = visitorId ? { siteId, visitorId, ...(edited ? { state: stateFromForm(form) } : {}) } : { siteId, state: stateFromForm(form) };
      const reply = await testTriggers(body);
      // The trigger being edited comes first.
      setResults([...reply.results].sort((a, b) => Number(b.triggerId === triggerId) - Number(a.triggerId === triggerId)));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section class="test-panel card" data-test="test-panel" aria-labelledby="test-title">
      <h2 id="test-title">{t('test.title')}</h2>
      <p class="hint">{t('test.hint')}</p>
      <form class="test-panel__form" onSubmit={run}>
        <div class="test-panel__visitor">
          <label class="field">
            {t('test.visitor')}
            <select name="visitor" value={visitorId} onChange={(e) => pick(e.currentTarget.value)}>
              <option value="">{t('test.custom')}</option>
              {visitors.map((v) => (
                <option key={v.visitorId} value={v.visitorId}>
                  {isolated(v.name)}
                  {v.currentPage ? ` — ${isolated(v.currentPage.path)}` : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="button button--ghost" onClick={() => void refresh()} title={t('test.refresh')}>
            ↻<span class="visually-hidden">{t('test.refresh')}</span>
          </button>
        </div>
        <div class="test-panel__grid">
          <label class="field">
            {t('test.path')}
            <input name="test-path" value={form.path} onInput={(e) => change({ path: e.currentTarget.value })} />
          </label>
          <label class="field">
            {t('test.cartTotal')}
            <input name="test-cart-total" type="number" min={0} step="any" value={form.cartTotal} onInput={(e) => change({ cartTotal: e.currentTarget.value })} />
          </label>
          <label class="field">
            {t('test.timeOnPage')}
            <input name="test-time-on-page" type="number" min={0} value={form.timeOnPage} onInput={(e) => change({ timeOnPage: e.currentTarget.value })} />
          </label>
          <label class="field">
            {t('test.scroll')}
            <input name="test-scroll" type="number" min={0} max={100} value={form.scroll} onInput={(e) => change({ scroll: e.currentTarget.value })} />
          </label>
          <label class="field">
            {t('test.utmSource')}
            <input name="test-utm-source" value={form.utmSource} onInput={(e) => change({ utmSource: e.currentTarget.value })} />
          </label>
          <label class="check">
            <input name="test-exit-intent" type="checkbox" checked={form.exitIntent} onChange={(e) => change({ exitIntent: e.currentTarget.checked })} />
            {t('test.exitIntent')}
          </label>
        </div>
        <button type="submit" class="button button--primary" data-test="run-test" disabled={running}>
          {running ? t('test.running') : t('test.run')}
        </button>
      </form>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite">
        {results && results.length === 0 && <p class="hint">{t('test.none')}</p>}
        {results && results.length > 0 && (
          <ul class="test-panel__results">
            {results.map((result) => (
              <TestResult key={result.triggerId} result={result} current={result.triggerId === triggerId} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

export function verdict(result: TriggerTestResult): string {
  if (result.wouldShow) return t('test.wouldShow');
  if (!result.matched) return t('test.notMatched');
  return result.blockedBy ? t('test.blocked', { reason: t(`blocked.${result.blockedBy}` as MessageKey) }) : t('test.notMatched');
}

function TestResult({ result, current }: { result: TriggerTestResult; current: boolean }) {
  const state = result.wouldShow ? 'show' : result.matched ? 'blocked' : 'no-match';
  return (
    <li class={`test-result is-${state}${current ? ' is-current' : ''}`} data-test="test-result" data-id={result.triggerId} data-would-show={String(result.wouldShow)}>
      <div class="test-result__head">
        <strong>{result.name}</strong>
        {current && <span class="chip chip--muted">{t('test.this')}</span>}
        <span class="test-result__verdict" data-test="verdict">
          {verdict(result)}
        </span>
      </div>
      <ul class="test-result__checks">
        {result.checks.map((check) => (
          <li key={check.path} class={check.passed ? 'is-passed' : 'is-failed'} data-test="check" data-passed={String(check.passed)}>
            <span class="test-result__mark" aria-label={check.passed ? '✓' : '✗'}>
              {check.passed ? '✓' : '✗'}
            </span>
            <code>{check.text}</code>
            <bdi class="test-result__actual">{t('test.actual', { value: check.actual })}</bdi>
          </li>
        ))}
      </ul>
    </li>
  );
}
