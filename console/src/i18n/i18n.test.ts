import { describe, expect, it } from 'vitest';
import { pickLocale, translate } from './i18n.js';

describe('i18n', () => {
  it('speaks French to a French-speaking browser of any region', () => {
    expect(pickLocale(['fr-CA', 'en'])).toBe('fr');
    expect(pickLocale(['de-DE', 'fr'])).toBe('fr');
  });

  it('falls back to English for other languages', () => {
    expect(pickLocale(['de-DE', 'es'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translate('fr', 'notify.newMessage', { name: 'Léa' })).toBe('Nouveau message de Léa');
    expect(translate('en', 'inbox.unread', { count: 3 })).toBe('3 unread');
  });
});
