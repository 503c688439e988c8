import { reactive } from '../reactive';
import { useEffect, useRef } from 'preact/hooks';
import type { VisitorConversation } from '@causette/shared';
import { formatNumber, t } from '../../i18n';
import '../../i18n/features';
import { editRating, ratingBusy, ratingDraft, ratingEditing, ratingError, submitRating } from '../../state/rating';
import { ask } from '../../transport/socket';

/**
 * CSAT under a closed chat: 1–5 stars as native radio buttons (arrow keys move between them, each says
 * "4 out of 5"), an optional comment, then "You rated this chat 4/5" with a way to change it.
 */
export const Rating = reactive(function Rating({ conversation: c }: { conversation: VisitorConversation }) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // "Change" is gone once pressed: the chosen star takes the focus.
    if (!changing || !form.current) return;
    changing = false;
    form.current.querySelector<HTMLInputElement>('input:checked')?.focus();
  });
  const given = c.rating;
  if (given && !ratingEditing.value) return <Given conversation={c} score={given.score} />;
  const d = ratingDraft.value;
  const busy = ratingBusy.value;
  const error = ratingError.value;
  return (
    <form
      ref={form}
      class="rt"
      data-part="rating"
      onSubmit={(e) => {
        e.preventDefault();
        sentFromForm = true;
        void submitRating(c.id, (p) => ask('conversation:rate', p));
      }}
    >
      <fieldset>
        <legend>{t('rateQuestion')}</legend>
        <div class="st" role="radiogroup" aria-label={t('rateQuestion')}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= d.score ? 'on' : ''}>
              <input
                type="radio"
                name="cz-score"
                value={n}
                checked={d.score === n}
                aria-label={t('stars', formatNumber(n))}
                onChange={() => (ratingDraft.value = { ...ratingDraft.peek(), score: n })}
              />
              {/* Chosen stars are filled, the others outlined: not told apart by colour alone. */}
              <span aria-hidden="true">{n <= d.score ? '★' : '☆'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        {t('rateComment')}
        <textarea name="comment" data-part="rating-comment" maxLength={1000} value={d.comment} onInput={(e) => (ratingDraft.value = { ...ratingDraft.peek(), comment: e.currentTarget.value })} />
      </label>
      {error && (
        <p role="alert" class="er" data-part="rating-error">
          {error}
        </p>
      )}
      <button type="submit" data-part="rating-submit" disabled={busy} aria-busy={busy}>
        {t('rateSend')}
      </button>
    </form>
  );
});

/** The form that had the focus is gone once the rating is stored: its "Change" button takes the focus. */
let sentFromForm = false;
let changing = false;

function Given({ conversation: c, score }: { conversation: VisitorConversation; score: number }) {
  const change = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (sentFromForm) change.current!.focus();
    sentFromForm = false;
  }, []);
  return (
    <div class="rt" data-part="rating-given">
      <p role="status">{t('rated', formatNumber(score))}</p>
      <button
        ref={change}
        type="button"
        data-part="rating-change"
        onClick={() => {
          changing = true;
          editRating(c);
        }}
      >
        {t('rateChange')}
      </button>
    </div>
  );
}
