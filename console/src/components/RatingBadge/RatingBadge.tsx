import type { Rating } from '@causette/shared';
import { t } from '../../i18n/i18n.js';
import './RatingBadge.css';

/**
 * A visitor's score as five stars (or one star and the figure, compact), read out as "Rated 4 out of 5":
 * the stars are an image whose name is the sentence, so a screen reader never counts star characters.
 */
export function RatingBadge({ score, compact = false }: { score: Rating['score']; compact?: boolean }) {
  const label = t('rating.label', { score });
  return (
    <span
      class={`rating-badge${compact ? ' rating-badge--compact' : ''} rating-badge--${score >= 4 ? 'good' : score === 3 ? 'mid' : 'bad'}`}
      role="img"
      aria-label={label}
      title={label}
      data-part="rating"
      data-score={score}
    >
      {compact ? (
        <>
          <span aria-hidden="true">★</span>
          <span aria-hidden="true">{score}</span>
        </>
      ) : (
        <span aria-hidden="true">{'★'.repeat(score) + '☆'.repeat(5 - score)}</span>
      )}
    </span>
  );
}
