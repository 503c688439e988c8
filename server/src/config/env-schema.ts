/**
 * Every environment variable the server reads, declared once: type, bounds, default and meaning.
 * `read-env.ts` validates `process.env` against it at start, and `docs/OPERATIONS.md` must list each one
 * (config-docs.test.ts), so a new variable cannot go unchecked or undocumented.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DEFAULT_ABUSE } from '../realtime/abuse.js';

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10_000_000;
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/** Schema options of ours, read by read-env.ts: how to word "expects", and values never to echo back. */
interface EnvOptions {
  description: string;
  /** What the variable expects, when the type and bounds alone do not say it well. */
  expects?: string;
  /** `secret`: the value is never printed; `userinfo`: credentials in a URL are masked. */
  redact?: 'secret' | 'userinfo';
}

const milliseconds = (fallback: number, minimum: number, description: string) => Type.Integer({ minimum, default: fallback, description });
const limit = (fallback: number, description: string) => Type.Integer({ minimum: 1, default: fallback, description });
const text = (options: EnvOptions & { default?: string; minLength?: number; pattern?: string }) => Type.String(options);
const hours = (description: string) => Type.Number({ exclusiveMinimum: 0, default: 168, description, expects: 'a positive number of hours' });

export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port (0: any free port)' }),
  HOST: text({ default: '0.0.0.0', description: 'listen address' }),
  DATA_DIR: Type.Optional(text({ description: 'SQLite file and attachments; relative to where the command was typed (default ./data)' })),
  DATABASE_URL: Type.Optional(text({ description: 'PostgreSQL instead of SQLite', redact: 'userinfo' })),
  DATABASE_SCHEMA: Type.Optional(text({ description: "PostgreSQL schema for Causette's tables (default public)" })),
  REDIS_URL: Type.Optional(text({ description: 'Redis, for several processes', redact: 'userinfo' })),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)), {
    default: 'info',
    description: 'pino log level',
  }),
  CAUSETTE_ADMIN_EMAIL: Type.Optional(text({ description: 'first admin, created on the first start only' })),
  CAUSETTE_ADMIN_PASSWORD: Type.Optional(text({ description: "first admin's password", redact: 'secret' })),
  WIDGET_DIR: Type.Optional(text({ description: 'the built widget (default widget/dist)' })),
  CONSOLE_DIR: Type.Optional(text({ description: 'the built console (default console/dist)' })),
  DEMO_DIR: Type.Optional(text({ description: 'the demo shop (default e2e/fixtures/shop)' })),
  TRUST_PROXY: Type.Union([Type.Literal('1'), Type.Literal('true'), Type.Literal('0'), Type.Literal('false')], {
    default: 'false',
    description: 'trust X-Forwarded-* from a reverse proxy',
  }),
  CAUSETTE_RECOVERY_WINDOW_MS: milliseconds(120_000, 0, 'how long a dropped client may resume its Socket.IO session'),
  CAUSETTE_REQUEUE_GRACE_MS: milliseconds(60_000, 0, "how long an agent may be disconnected before their open chats return to the queue"),
  CAUSETTE_SWEEP_MS: milliseconds(5_000, 100, 'how often each process checks SLA breaches and orphaned chats'),
  CAUSETTE_RETENTION_SWEEP_MS: milliseconds(3_600_000, 100, "how often each site's retention window is applied"),
  CAUSETTE_AUDIT_RETENTION_DAYS: Type.Integer({ minimum: 1, default: DEFAULT_AUDIT_RETENTION_DAYS, description: 'how long the audit log keeps an entry' }),
  CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE: limit(DEFAULT_ABUSE.connectionsPerMinute, 'Socket.IO handshakes per IP per minute'),
  CAUSETTE_LIMIT_NEW_VISITORS_PER_MINUTE: limit(DEFAULT_ABUSE.newVisitorsPerMinute, 'visitors created per IP per minute'),
  CAUSETTE_LIMIT_SOCKETS_PER_IP: limit(DEFAULT_ABUSE.socketsPerIp, 'open sockets per IP'),
  CAUSETTE_LIMIT_CONVERSATIONS_PER_VISITOR_HOUR: limit(DEFAULT_ABUSE.conversationsPerVisitorHour, 'new conversations per visitor per hour'),
  CAUSETTE_LIMIT_CONVERSATIONS_PER_IP_HOUR: limit(DEFAULT_ABUSE.conversationsPerIpHour, 'new conversations per IP per hour'),
  CAUSETTE_LIMIT_VISITOR_MESSAGES_PER_10S: limit(DEFAULT_ABUSE.visitorMessagesPer10s, 'messages a visitor may send in 10 s'),
  CAUSETTE_LIMIT_REST_PER_MINUTE: limit(600, '/api requests per IP per minute'),
  CAUSETTE_LIMIT_EVENTS_PER_10S: limit(120, 'socket events per visitor or agent in 10 s'),
  CAUSETTE_PING_INTERVAL_MS: milliseconds(20_000, 100, 'Socket.IO heartbeat interval'),
  CAUSETTE_PING_TIMEOUT_MS: milliseconds(20_000, 100, 'Socket.IO heartbeat timeout'),
  CAUSETTE_TWO_FACTOR_KEY: Type.Optional(text({ description: 'master key for two-factor secrets', redact: 'secret' })),
  CAUSETTE_CONSOLE_ORIGINS: Type.Optional(text({ description: 'extra origins the console may connect from, comma-separated' })),
  CAUSETTE_SMTP_URL: Type.Optional(
    text({ pattern: '^smtps?://[^/]', expects: 'an SMTP URL like smtp://user:pass@host:587', redact: 'userinfo', description: 'SMTP server; email is off without it' }),
  ),
  CAUSETTE_MAIL_FROM: text({ default: 'Causette <causette@localhost>', description: 'the sender of every email' }),
  CAUSETTE_PUBLIC_URL: Type.Optional(text({ pattern: '^https?://[^/]+', expects: 'an http(s) URL', description: 'how visitors and agents reach this server' })),
  CAUSETTE_REPLY_EMAIL_DELAY_MS: Type.Number({ minimum: 0, default: 60_000, description: 'delay before an agent reply is emailed', expects: 'a number of milliseconds ≥ 0' }),
  CAUSETTE_RESUME_LINK_TTL_HOURS: hours('how long a resume link works'),
  CAUSETTE_FILE_LINK_TTL_HOURS: hours('how long a file link in an email works'),
  CAUSETTE_ATTACHMENT_MAX_BYTES: Type.Integer({ minimum: 1, default: DEFAULT_ATTACHMENT_MAX_BYTES, description: 'the largest file a visitor or agent may send' }),
  // A short token is guessable, and the metrics name every site's traffic.
  CAUSETTE_METRICS_TOKEN: Type.Optional(text({ minLength: 16, redact: 'secret', description: 'bearer token that opens /metrics' })),
  CAUSETTE_API_DOCS: Type.Union([Type.Literal('admins'), Type.Literal('public')], { default: 'admins', description: 'who reads /api/docs' }),
});

export type Env = Static<typeof EnvSchema>;
export type EnvName = keyof Env;
export type EnvVariableSchema = TSchema & Partial<EnvOptions>;

export const ENV_NAMES = Object.keys(EnvSchema.properties) as EnvName[];
