import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { FileLinks, fileLinkKey } from './attachments/links.js';
import { AttachmentService } from './attachments/service.js';
import { DiskStorage } from './attachments/storage.js';
import { LocalBus, type Bus } from './bus/bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_AUDIT_RETENTION_DAYS, type Config } from './config.js';
import { AuditService } from './domain/audit.js';
import { AuthService } from './domain/auth.js';
import { ChatService } from './domain/chat.js';
import { PrivacyService } from './domain/privacy.js';
import { SecretBox } from './domain/secret-box.js';
import { TwoFactorService } from './domain/two-factor.js';
import { TriggerService } from './domain/triggers/service.js';
import { VisitorService } from './domain/visitors.js';
import { VisitorTokens } from './domain/visitor-tokens.js';
import { createMailer } from './email/mailer.js';
import { EmailService } from './email/notifications.js';
import { ResumeLinks, ResumeLinkSigner, resumeLinkKey } from './email/resume-links.js';
import { SocketNotifier } from './realtime/notifier.js';
import { createStore } from './store/create-store.js';
import type { Store } from './store/store.js';

/** Everything the edges (routes, sockets, CLI) call. Built once per app. */
export interface Services {
  store: Store;
  bus: Bus;
  notifier: SocketNotifier;
  auth: AuthService;
  twoFactor: TwoFactorService;
  chat: ChatService;
  visitors: VisitorService;
  triggers: TriggerService;
  privacy: PrivacyService;
  attachments: AttachmentService;
  /** Verifies the visitor tokens minted at the /visitor handshake (visitor uploads over HTTP). */
  visitorTokens: VisitorTokens;
  /** Signs the expiring file links handed to visitors and put in emails. */
  fileLinks: FileLinks;
  email: EmailService;
  audit: AuditService;
  close(): Promise<void>;
}

export async function createServices(config: Pick<Config, 'databaseUrl' | 'pgSchema' | 'dataDir' | 'redisUrl'> & Partial<Pick<Config, 'email' | 'attachmentMaxBytes' | 'auditRetentionDays' | 'twoFactorKey'>>): Promise<Services> {
  const store = await createStore(config);
  const bus: Bus = config.redisUrl ? await RedisBus.connect(config.redisUrl) : new LocalBus();
  const notifier = new SocketNotifier();
  // Shared by every process through the database, so any of them can verify any visitor token.
  const secret = await store.metaGetOrInit('visitor_token_secret', () => randomBytes(32).toString('base64url'));
  // Tokens from before expiry existed count as issued at the first start of a server that knows it.
  const legacyIssuedAt = Number(await store.metaGetOrInit('visitor_token_v1_issued_at', () => String(Date.now())));
  const tokens = new VisitorTokens(secret, legacyIssuedAt);
  const emailConfig = config.email ?? { smtpUrl: undefined, from: '', publicUrl: undefined, replyDelayMs: 60_000, resumeLinkTtlHours: 168, fileLinkTtlHours: 168 };
  const links = new ResumeLinks(store, new ResumeLinkSigner(resumeLinkKey(secret)), tokens, emailConfig.resumeLinkTtlHours * 3_600_000);
  // Without CAUSETTE_TWO_FACTOR_KEY the key lives in the database: secrets are still never sent back, but a copy
  // of the database then holds what it needs to read them.
  const twoFactorKey = config.twoFactorKey ?? (await store.metaGetOrInit('two_factor_key', () => randomBytes(32).toString('base64url')));
  const twoFactor = new TwoFactorService(store, new SecretBox(twoFactorKey));
  const files = new DiskStorage(join(config.dataDir, 'attachments'));
  const audit = new AuditService(store, config.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS);
  const fileLinks = new FileLinks(fileLinkKey(secret));
  notifier.signFilesWith(fileLinks);
  const email = new EmailService(store, bus, createMailer(emailConfig), links, emailConfig, fileLinks);
  return {
    store,
    bus,
    notifier,
    auth: new AuthService(store, notifier, twoFactor),
    twoFactor,
    chat: new ChatService(store, notifier, Date.now, {
      agentReplied: (conv) => email.agentReplied(conv),
      messageLeft: (conv, message) => email.messageLeft(conv, message),
    }),
    visitors: new VisitorService(store, bus, tokens, notifier),
    triggers: new TriggerService(store, notifier),
    privacy: new PrivacyService(store, notifier, Date.now, files, audit),
    visitorTokens: tokens,
    fileLinks,
    attachments: new AttachmentService(store, files, config.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES),
    email,
    audit,
    async close() {
      await email.close();
      await bus.close();
      await store.close();
    },
  };
}
