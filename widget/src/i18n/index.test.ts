import { afterEach, describe, expect, it } from 'vitest';
import { addPageStrings, dir, formatNumber, pickLanguage, setLanguage, t } from './index';
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

describe("a page's own strings and right to left", () => {
  it('speaks a language the page brought strings for, right to left where the script is, English for the rest', () => {
    expect(pickLanguage(['ar'])).toBe('en');
    addPageStrings('ar-EG', { open: 'افتح الدردشة' });
    expect(pickLanguage(['ar'])).toBe('ar');
    setLanguage('ar');
    expect(dir()).toBe('rtl');
    expect(t('open')).toBe('افتح الدردشة');
    expect(t('send')).toBe('Send');
    setLanguage('fr');
    expect(dir()).toBe('ltr');
    expect(formatNumber(1234.5)).toBe('1\u202f234,5');
  });

  it("lets the site's wording win over the built-in one", () => {
    addPageStrings('fr', { open: 'Une question ?' });
    setLanguage('fr');
    expect(t('open')).toBe('Une question ?');
    expect(t('close')).toBe('Fermer le chat');
  });
});
