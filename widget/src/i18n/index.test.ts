import { afterEach, describe, expect, it } from 'vitest';
import { pickLanguage, setLanguage, t } from './index';
import './panel';

afterEach(() => setLanguage('en'));

describe('language', () => {
  it("speaks the page's language first", () => {
    expect(pickLanguage(['fr-FR', 'en-US'])).toBe('fr');
    expect(pickLanguage(['en', 'fr-FR'])).toBe('en');
  });

  it("falls back to the browser's languages when the page's is missing or unsupported", () => {
    expect(pickLanguage(['', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'de', 'fr'])).toBe('fr');
    expect(pickLanguage([undefined, 'FR_be'])).toBe('fr');
  });

  it('defaults to English', () => {
    expect(pickLanguage(['de', 'ja'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('shows French strings with the name in place', () => {
    setLanguage('fr');
    expect(t('typing', 'Anna')).toBe('Anna écrit…');
    expect(t('open')).toBe('Ouvrir le chat');
    setLanguage('en');
    expect(t('typing', 'Anna')).toBe('Anna is typing…');
  });
});
