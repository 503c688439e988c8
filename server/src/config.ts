import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ABUSE, type AbuseConfig } from './realtime/abuse.js';

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

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10_000_000;
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

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

function emailConfig(env: NodeJS.ProcessEnv): EmailConfig {
  const smtpUrl = env.CAUSETTE_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) throw new Error(`CAUSETTE_SMTP_URL must look like smtp://user:pass@host:587, got "${smtpUrl.replace(/\/\/[^@]*@/, '//…@')}"`);
  const publicUrl = env.CAUSETTE_PUBLIC_URL?.replace(/\/+$/, '') || undefined;
  if (publicUrl && !/^https?:\/\/[^/]+/.test(publicUrl)) throw new Error(`CAUSETTE_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  const replyDelayMs = Number(env.CAUSETTE_REPLY_EMAIL_DELAY_MS ?? 60_000);
  if (!Number.isFinite(replyDelayMs) || replyDelayMs < 0) throw new Error(`CAUSETTE_REPLY_EMAIL_DELAY_MS must be a number of milliseconds, got "${env.CAUSETTE_REPLY_EMAIL_DELAY_MS}"`);
  const resumeLinkTtlHours = Number(env.CAUSETTE_RESUME_LINK_TTL_HOURS ?? 168);
  if (!Number.isFinite(resumeLinkTtlHours) || resumeLinkTtlHours <= 0) throw new Error(`CAUSETTE_RESUME_LINK_TTL_HOURS must be a positive number of hours, got "${env.CAUSETTE_RESUME_LINK_TTL_HOURS}"`);
  const fileLinkTtlHours = Number(env.CAUSETTE_FILE_LINK_TTL_HOURS ?? 168);
  if (!Number.isFinite(fileLinkTtlHours) || fileLinkTtlHours <= 0) throw new Error(`CAUSETTE_FILE_LINK_TTL_HOURS must be a positive number of hours, got "${env.CAUSETTE_FILE_LINK_TTL_HOURS}"`);
  return { smtpUrl, from: env.CAUSETTE_MAIL_FROM || 'Causette <causette@localhost>', publicUrl, replyDelayMs, resumeLinkTtlHours, fileLinkTtlHours };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    // pnpm runs scripts inside server/; a relative DATA_DIR means relative to where the command was typed.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR ?? resolve(ROOT, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    pgSchema: env.DATABASE_SCHEMA || undefined,
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    adminEmail: env.CAUSETTE_ADMIN_EMAIL || undefined,
    adminPassword: env.CAUSETTE_ADMIN_PASSWORD || undefined,
    widgetDir: resolve(env.WIDGET_DIR ?? resolve(ROOT, 'widget/dist')),
    consoleDir: resolve(env.CONSOLE_DIR ?? resolve(ROOT, 'console/dist')),
    demoDir: resolve(env.DEMO_DIR ?? resolve(ROOT, 'e2e/fixtures/shop')),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    recoveryWindowMs: Number(env.CAUSETTE_RECOVERY_WINDOW_MS ?? 120_000),
    requeueGraceMs: Number(env.CAUSETTE_REQUEUE_GRACE_MS ?? 60_000),
    sweepIntervalMs: Number(env.CAUSETTE_SWEEP_MS ?? 5_000),
    retentionSweepMs: Number(env.CAUSETTE_RETENTION_SWEEP_MS ?? 3_600_000),
    auditRetentionDays: positiveInteger(env, 'CAUSETTE_AUDIT_RETENTION_DAYS', DEFAULT_AUDIT_RETENTION_DAYS),
    abuse: {
      connectionsPerMinute: Number(env.CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE ?? DEFAULT_ABUSE.connectionsPerMinute),
      newVisitorsPerMinute: Number(env.CAUSETTE_LIMIT_NEW_VISITORS_PER_MINUTE ?? DEFAULT_ABUSE.newVisitorsPerMinute),
      socketsPerIp: Number(env.CAUSETTE_LIMIT_SOCKETS_PER_IP ?? DEFAULT_ABUSE.socketsPerIp),
      conversationsPerVisitorHour: Number(env.CAUSETTE_LIMIT_CONVERSATIONS_PER_VISITOR_HOUR ?? DEFAULT_ABUSE.conversationsPerVisitorHour),
      conversationsPerIpHour: Number(env.CAUSETTE_LIMIT_CONVERSATIONS_PER_IP_HOUR ?? DEFAULT_ABUSE.conversationsPerIpHour),
      visitorMessagesPer10s: Number(env.CAUSETTE_LIMIT_VISITOR_MESSAGES_PER_10S ?? DEFAULT_ABUSE.visitorMessagesPer10s),
    },
    restPerMinute: Number(env.CAUSETTE_LIMIT_REST_PER_MINUTE ?? 600),
    eventsPer10s: Number(env.CAUSETTE_LIMIT_EVENTS_PER_10S ?? 120),
    pingIntervalMs: Number(env.CAUSETTE_PING_INTERVAL_MS ?? 20_000),
    pingTimeoutMs: Number(env.CAUSETTE_PING_TIMEOUT_MS ?? 20_000),
    twoFactorKey: env.CAUSETTE_TWO_FACTOR_KEY || undefined,
    consoleOrigins: ['self', ...(env.CAUSETTE_CONSOLE_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)],
    email: emailConfig(env),
    attachmentMaxBytes: positiveInteger(env, 'CAUSETTE_ATTACHMENT_MAX_BYTES', DEFAULT_ATTACHMENT_MAX_BYTES),
    metricsToken: metricsToken(env.CAUSETTE_METRICS_TOKEN),
    apiDocsPublic: apiDocs(env.CAUSETTE_API_DOCS) === 'public',
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

function metricsToken(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  // A short token is guessable, and the metrics name every site's traffic.
  if (raw.length < 16) throw new Error('CAUSETTE_METRICS_TOKEN must be at least 16 characters long.');
  return raw;
}

function apiDocs(raw: string | undefined): 'public' | 'admins' {
  if (raw === undefined || raw === '' || raw === 'admins') return 'admins';
  if (raw === 'public') return 'public';
  throw new Error(`CAUSETTE_API_DOCS must be "public" or "admins", got "${raw}"`);
}
