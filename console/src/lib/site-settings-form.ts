import type { SiteSettings, SiteUpdateBody } from '@causette/shared';

export interface SettingsForm {
  routing: 'auto' | 'manual';
  greeting: string;
  color: string;
  requireConsent: boolean;
}

/** A site saved before routing existed has none, which the server treats as manual. */
export function formFromSettings(settings: SiteSettings): SettingsForm {
  return {
    routing: settings.routing ?? 'manual',
    greeting: settings.greeting,
    color: settings.color.toLowerCase(),
    requireConsent: settings.requireConsent,
  };
}

/** The whole form goes out, so what the admin sees is exactly what the site gets. */
export function settingsUpdate(form: SettingsForm): SiteUpdateBody {
  return {
    settings: {
      routing: form.routing,
      greeting: form.greeting.trim(),
      color: form.color.toLowerCase(),
      requireConsent: form.requireConsent,
    },
  };
}
