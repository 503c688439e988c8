import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AbuseConfig } from './realtime/abuse.js';
import { ConfigError, readEnv } from './config/read-env.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root, so paths work whatever the working directory is. */
export const ROOT = resolve(here, '../..');

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL schema for Causette's tables (created if missing); default `public`. */
  pgSchema: string | undefined;
  redisUrl: string | undefined;
  logLevel: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Where the built widget, console and demo shop are served from. */
  widgetDir: string;
  consoleDir: string;
  demoDir: string;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /** How long a dropped client may come back and resume its Socket.IO session (rooms, missed packets). */
  recoveryWindowMs: number;
  /** How long an agent may be disconnected before their open chats go back to the queue. */
  requeueGraceMs: number;
  /** Origins the console may connect from: `self` (the server's own) and any listed in CAUSETTE_CONSOLE_ORIGINS. */
  consoleOrigins: string[];
  /** Master key for TOTP secrets at rest and recovery-code hashes (CAUSETTE_TWO_FACTOR_KEY); else one kept in the database. */
  twoFactorKey: string | undefined;
  /** Abuse limits (per IP, per visitor); see realtime/abuse.ts. */
  abuse: AbuseConfig;
  /** Socket.IO heartbeat: a client silent for interval + timeout is dropped (idle sockets cannot pile up). */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** REST requests per IP per minute under /api (sign-in has its own, tighter, limit). */
  restPerMinute: number;
  /** Socket events per visitor or agent per 10 s, shared by all their tabs (CAUSETTE_LIMIT_EVENTS_PER_10S, default 120). */
  eventsPer10s: number;
  /** How often each site's retention window is applied. */
  retentionSweepMs: number;
  /** CAUSETTE_AUDIT_RETENTION_DAYS: how long the audit log keeps an entry (default 365), purged on the retention sweep. */
  auditRetentionDays: number;
  /** How often each process checks SLA breaches and orphaned chats. */
  sweepIntervalMs: number;
  /** Email (server/src/email): off while `smtpUrl` is unset. */
  email: EmailConfig;
  /** CAUSETTE_ATTACHMENT_MAX_BYTES: the largest file a visitor or agent may send (default 10 MB). */
  attachmentMaxBytes: number;
  /** CAUSETTE_METRICS_TOKEN: /metrics answers only `Authorization: Bearer <token>`; without a token it does not exist. */
  metricsToken: string | undefined;
  /** CAUSETTE_API_DOCS=public opens /api/docs and /api/openapi.json to anyone; else signed-in admins only. */
  apiDocsPublic: boolean;
}

export { DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_AUDIT_RETENTION_DAYS } from './config/env-schema.js';
export { ConfigError } from './config/read-env.js';

export interface EmailConfig {
  /** CAUSETTE_SMTP_URL, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start). */
  smtpUrl: string | undefined;
  /** CAUSETTE_MAIL_FROM: the sender of every email. */
  from: string;
  /** CAUSETTE_PUBLIC_URL: how visitors and agents reach this server (links in emails); else the server's own URL. */
  publicUrl: string | undefined;
  /** CAUSETTE_REPLY_EMAIL_DELAY_MS: how long a visitor may be gone after an agent's reply before it is emailed. */
  replyDelayMs: number;
  /** CAUSETTE_RESUME_LINK_TTL_HOURS: how long a resume link works. */
  resumeLinkTtlHours: number;
  /** CAUSETTE_FILE_LINK_TTL_HOURS: how long a file link in an email (a transcript's attachments) works. */
  fileLinkTtlHours: number;
}

/**
 * The server's configuration from the environment. Every variable is declared in config/env-schema.ts;
 * a bad value throws `ConfigError` naming each variable at fault and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = readEnv(env);
  return {
    port: e.PORT,
    host: e.HOST,
    // pnpm runs scripts inside server/; a relative DATA_DIR means relative to where the command was typed.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR ?? resolve(ROOT, 'data')),
    databaseUrl: e.DATABASE_URL,
    pgSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    adminEmail: e.CAUSETTE_ADMIN_EMAIL,
    adminPassword: e.CAUSETTE_ADMIN_PASSWORD,
    widgetDir: resolve(e.WIDGET_DIR ?? resolve(ROOT, 'widget/dist')),
    consoleDir: resolve(e.CONSOLE_DIR ?? resolve(ROOT, 'console/dist')),
    demoDir: resolve(e.DEMO_DIR ?? resolve(ROOT, 'e2e/fixtures/shop')),
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    recoveryWindowMs: e.CAUSETTE_RECOVERY_WINDOW_MS,
    requeueGraceMs: e.CAUSETTE_REQUEUE_GRACE_MS,
    sweepIntervalMs: e.CAUSETTE_SWEEP_MS,
    retentionSweepMs: e.CAUSETTE_RETENTION_SWEEP_MS,
    auditRetentionDays: e.CAUSETTE_AUDIT_RETENTION_DAYS,
    abuse: {
      connectionsPerMinute: e.CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE,
      newVisitorsPerMinute: e.CAUSETTE_LIMIT_NEW_VISITORS_PER_MINUTE,
      socketsPerIp: e.CAUSETTE_LIMIT_SOCKETS_PER_IP,
      conversationsPerVisitorHour: e.CAUSETTE_LIMIT_CONVERSATIONS_PER_VISITOR_HOUR,
      conversationsPerIpHour: e.CAUSETTE_LIMIT_CONVERSATIONS_PER_IP_HOUR,
      visitorMessagesPer10s: e.CAUSETTE_LIMIT_VISITOR_MESSAGES_PER_10S,
    },
    restPerMinute: e.CAUSETTE_LIMIT_REST_PER_MINUTE,
    eventsPer10s: e.CAUSETTE_LIMIT_EVENTS_PER_10S,
    pingIntervalMs: e.CAUSETTE_PING_INTERVAL_MS,
    pingTimeoutMs: e.CAUSETTE_PING_TIMEOUT_MS,
    twoFactorKey: e.CAUSETTE_TWO_FACTOR_KEY,
    consoleOrigins: ['self', ...(e.CAUSETTE_CONSOLE_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)],
    email: {
      smtpUrl: e.CAUSETTE_SMTP_URL,
      from: e.CAUSETTE_MAIL_FROM,
      publicUrl: e.CAUSETTE_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
      replyDelayMs: e.CAUSETTE_REPLY_EMAIL_DELAY_MS,
      resumeLinkTtlHours: e.CAUSETTE_RESUME_LINK_TTL_HOURS,
      fileLinkTtlHours: e.CAUSETTE_FILE_LINK_TTL_HOURS,
    },
    attachmentMaxBytes: e.CAUSETTE_ATTACHMENT_MAX_BYTES,
    metricsToken: e.CAUSETTE_METRICS_TOKEN,
    apiDocsPublic: e.CAUSETTE_API_DOCS === 'public',
  };
}

/** For the process entry points: a bad environment ends the process with every problem listed, not a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Causette cannot start: invalid configuration\n  ${error.problems.join('\n  ')}\n`);
    process.exit(1);
  }
}
