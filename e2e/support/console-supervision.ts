/**
 * The console's newer screens and the admin's REST calls behind them: left messages (pending chats), the typing
 * preview, the supervisor view and teams. Also the widget's leave-a-message form and preview notice, which the
 * same journeys drive from the visitor's side.
 */
import type { Agent, Site, SiteSettings, Team } from '@causette/shared';
import type { APIResponse, BrowserContext, Page } from 'playwright-core';
import { C } from './console.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './server.js';
import { waitFor } from './wait.js';
import { W } from './widget.js';

export const S = {
  pendingList: '[data-part=pending-list]',
  pendingHint: '[data-part=pending-hint]',
  email: '[data-part=email]',
  typingPreview: '[data-part=typing-preview]',
  assignedBadge: '[data-part=assigned-badge]',
  navSupervisor: '[data-test=nav-supervisor]',
  navInbox: '[data-test=nav-inbox]',
  agents: '[data-part=supervisor-agents]',
  chats: '[data-part=supervisor-chats]',
  load: '[data-part=load]',
  status: '[data-part=status]',
  assignee: '[data-part=assignee]',
  waiting: '[data-part=waiting]',
  watch: '[data-action=watch]',
  takeover: '[data-action=takeover]',
  transferTeam: '[data-test=transfer-team]',
} as const;

/** The widget's side of the same features. */
export const WO = {
  offlineForm: '[data-part=offline-form]',
  offlineEmail: '[data-part=offline-form] input[name=email]',
  offlineName: '[data-part=offline-form] input[name=name]',
  offlineMessage: '[data-part=offline-form] textarea[name=message]',
  offlineSubmit: '[data-part=offline-submit]',
  offlineSent: '[data-part=offline-sent]',
  previewNotice: '[data-part=preview-notice]',
} as const;

export const pendingItems = (page: Page) => page.locator(`${S.pendingList} ${C.item}`);

/** The text of an element as a person reads it: whitespace collapsed; '' when it is not there. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const el = page.locator(selector);
  if ((await el.count()) === 0) return '';
  return ((await el.first().textContent({ timeout: 1_000 })) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Opens the chat panel whatever it holds (the composer, or the leave-a-message form when nobody is online) and
 * waits until its content has loaded; returns which of the two the visitor sees.
 */
export async function openPanel(page: Page): Promise<'composer' | 'form'> {
  await page.locator(W.launcher).waitFor({ state: 'visible', timeout: 15_000 });
  if (!(await page.locator(W.panel).isVisible())) await page.locator(W.launcher).click();
  return waitFor('the chat panel to show the composer or the leave-a-message form', async () => {
    const form = await page.locator(WO.offlineForm).isVisible();
    const composer = await page.locator(W.input).isVisible();
    if (form && composer) throw new Error('the panel shows the form and the composer at once');
    return form ? 'form' : composer ? 'composer' : false;
  }, { timeout: 15_000 });
}

/** The admin's REST calls, with a session cookie of their own: no console is opened, so the admin is never online. */
export async function adminApi(admin: BrowserContext, baseUrl: string) {
  const login = await admin.request.post(`${baseUrl}/api/auth/login`, { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  if (!login.ok()) throw new Error(`POST /api/auth/login answered ${login.status()}: ${await login.text()}`);
  const ok = async <T>(what: string, res: APIResponse, status?: number): Promise<T> => {
    if (status !== undefined ? res.status() !== status : !res.ok()) throw new Error(`${what} answered ${res.status()}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    async demoSite(): Promise<Site> {
      const { items } = await ok<{ items: Site[] }>('GET /api/sites', await admin.request.get(`${baseUrl}/api/sites`));
      const site = items.find((s) => s.key === 'demo');
      if (!site) throw new Error(`GET /api/sites lists no demo site: ${JSON.stringify(items.map((s) => s.key))}`);
      return site;
    },
    async updateSettings(siteId: string, settings: Partial<SiteSettings>): Promise<Site> {
      return ok(`PATCH /api/sites/${siteId}`, await admin.request.patch(`${baseUrl}/api/sites/${siteId}`, { data: { settings } }));
    },
    async createAgent(body: { email: string; name: string; password: string; role?: Agent['role']; capacity?: number }): Promise<Agent> {
      return ok('POST /api/agents', await admin.request.post(`${baseUrl}/api/agents`, { data: body }), 201);
    },
    async createTeam(body: { siteId: string; name: string; memberIds: string[] }): Promise<Team> {
      return ok('POST /api/teams', await admin.request.post(`${baseUrl}/api/teams`, { data: body }), 201);
    },
  };
}
