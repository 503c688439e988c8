import { lang, t } from '../i18n';
import { fill } from '../i18n/features';

const DAY = 86_400_000;

/**
 * "We're back Monday at 09:00": when a closed site reopens, in the visitor's language and time zone. Today and
 * tomorrow are said as such (Intl's relative words), a day within the week by its name, later ones by date.
 */
export function backAt(reopensAt: number | null, now = Date.now(), language = lang()): string {
  if (reopensAt == null) return t('closedNow');
  const at = new Date(reopensAt);
  const midnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((midnight(at) - midnight(new Date(now))) / DAY);
  const day =
    days < 2
      ? new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(days, 'day')
      : at.toLocaleDateString(language, days < 7 ? { weekday: 'long' } : { weekday: 'long', day: 'numeric', month: 'long' });
  return fill(t('backOn'), { day, time: at.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' }) });
}
