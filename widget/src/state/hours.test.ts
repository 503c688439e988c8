import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { backAt } from './hours';

// A Wednesday, 20:00 local time.
const now = new Date(2026, 0, 7, 20, 0).getTime();
const at = (days: number, h: number, m = 0) => new Date(2026, 0, 7 + days, h, m).getTime();
const time = (t: number, lang: string) => new Date(t).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });

describe('backAt', () => {
  it('says tomorrow, a weekday, or a date, with the time, in the visitor’s language', () => {
    setLanguage('en');
    expect(backAt(at(1, 9), now, 'en')).toBe(`We're away right now. We're back tomorrow at ${time(at(1, 9), 'en')}.`);
    expect(backAt(at(5, 9), now, 'en')).toBe(`We're away right now. We're back Monday at ${time(at(5, 9), 'en')}.`);
    expect(backAt(at(0, 22), now, 'en')).toContain("We're back today at");
    expect(backAt(at(9, 9), now, 'en')).toContain('Friday, January 16');
  });
  it('speaks French', () => {
    setLanguage('fr');
    expect(backAt(at(1, 9), now, 'fr')).toBe(`Nous sommes absents pour le moment. Nous serons de retour demain à ${time(at(1, 9), 'fr')}.`);
    expect(backAt(at(5, 9), now, 'fr')).toContain('de retour lundi à 09:00');
    setLanguage('en');
  });
  it('says only that the team is away when it never reopens', () => {
    setLanguage('en');
    expect(backAt(null, now, 'en')).toBe("We're away right now.");
  });
});
