import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ROOT, loadConfig } from '../config.js';
import { ENV_NAMES } from './env-schema.js';

describe('loadConfig defaults', () => {
  it('are what they were before the schema', () => {
    expect(loadConfig({ INIT_CWD: '/somewhere' })).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: resolve(ROOT, 'data'),
      databaseUrl: undefined,
      pgSchema: undefined,
      redisUrl: undefined,
      logLevel: 'info',
      adminEmail: undefined,
      adminPassword: undefined,
      widgetDir: resolve(ROOT, 'widget/dist'),
      consoleDir: resolve(ROOT, 'console/dist'),
      demoDir: resolve(ROOT, 'e2e/fixtures/shop'),
      trustProxy: false,
      recoveryWindowMs: 120_000,
      requeueGraceMs: 60_000,
      sweepIntervalMs: 5_000,
      retentionSweepMs: 3_600_000,
      auditRetentionDays: 365,
      abuse: {
        connectionsPerMinute: 120,
        newVisitorsPerMinute: 60,
        socketsPerIp: 500,
        conversationsPerVisitorHour: 10,
        conversationsPerIpHour: 60,
        visitorMessagesPer10s: 20,
      },
      restPerMinute: 600,
      eventsPer10s: 120,
      pingIntervalMs: 20_000,
      pingTimeoutMs: 20_000,
      twoFactorKey: undefined,
      consoleOrigins: ['self'],
      email: {
        smtpUrl: undefined,
        from: 'Causette <causette@localhost>',
        publicUrl: undefined,
        replyDelayMs: 60_000,
        resumeLinkTtlHours: 168,
        fileLinkTtlHours: 168,
      },
      attachmentMaxBytes: 10_000_000,
      metricsToken: undefined,
      apiDocsPublic: false,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', CAUSETTE_SWEEP_MS: '', CAUSETTE_API_DOCS: '' })).toMatchObject({ port: 3000, sweepIntervalMs: 5_000, apiDocsPublic: false });
  });

  it('reads valid values', () => {
    const config = loadConfig({
      DATA_DIR: 'rel/data',
      INIT_CWD: '/typed/here',
      PORT: '0',
      TRUST_PROXY: 'true',
      CAUSETTE_SWEEP_MS: '150',
      CAUSETTE_REPLY_EMAIL_DELAY_MS: '1e3',
      CAUSETTE_PUBLIC_URL: 'https://chat.shop.example//',
      CAUSETTE_CONSOLE_ORIGINS: ' https://a.example , https://b.example',
      CAUSETTE_API_DOCS: 'public',
      CAUSETTE_METRICS_TOKEN: 'x'.repeat(16),
    });
    expect(config).toMatchObject({
      dataDir: '/typed/here/rel/data',
      port: 0,
      trustProxy: true,
      sweepIntervalMs: 150,
      email: { replyDelayMs: 1000, publicUrl: 'https://chat.shop.example' },
      consoleOrigins: ['self', 'https://a.example', 'https://b.example'],
      apiDocsPublic: true,
      metricsToken: 'x'.repeat(16),
    });
  });
});

describe('loadConfig with a bad value', () => {
  const cases: [name: string, value: string, message: string][] = [
    ['CAUSETTE_SWEEP_MS', 'abc', 'CAUSETTE_SWEEP_MS must be a whole number ≥ 100, got "abc"'],
    ['CAUSETTE_SWEEP_MS', '50', 'CAUSETTE_SWEEP_MS must be a whole number ≥ 100, got "50"'],
    ['CAUSETTE_LIMIT_EVENTS_PER_10S', '2.5', 'CAUSETTE_LIMIT_EVENTS_PER_10S must be a whole number ≥ 1, got "2.5"'],
    ['CAUSETTE_LIMIT_SOCKETS_PER_IP', '0', 'CAUSETTE_LIMIT_SOCKETS_PER_IP must be a whole number ≥ 1, got "0"'],
    ['CAUSETTE_RECOVERY_WINDOW_MS', ' ', 'CAUSETTE_RECOVERY_WINDOW_MS must be a whole number ≥ 0, got " "'],
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535, got "70000"'],
    ['CAUSETTE_RESUME_LINK_TTL_HOURS', '0', 'CAUSETTE_RESUME_LINK_TTL_HOURS must be a positive number of hours, got "0"'],
    ['CAUSETTE_REPLY_EMAIL_DELAY_MS', '-1', 'CAUSETTE_REPLY_EMAIL_DELAY_MS must be a number of milliseconds ≥ 0, got "-1"'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of "fatal", "error", "warn", "info", "debug", "trace", "silent", got "verbose"'],
    ['TRUST_PROXY', 'yes', 'TRUST_PROXY must be one of "1", "true", "0", "false", got "yes"'],
    ['CAUSETTE_API_DOCS', 'everyone', 'CAUSETTE_API_DOCS must be one of "admins", "public", got "everyone"'],
    ['CAUSETTE_PUBLIC_URL', 'chat.shop.example', 'CAUSETTE_PUBLIC_URL must be an http(s) URL, got "chat.shop.example"'],
    ['CAUSETTE_SMTP_URL', 'mail://user:secret@host', 'CAUSETTE_SMTP_URL must be an SMTP URL like smtp://user:pass@host:587, got "mail://…@host"'],
    ['CAUSETTE_METRICS_TOKEN', 'short-token', 'CAUSETTE_METRICS_TOKEN must be at least 16 characters long, got a value of 11 characters'],
  ];
  it.each(cases)('%s=%j names the variable and what it expects', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError([message]));
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', CAUSETTE_PING_INTERVAL_MS: 'NaN', CAUSETTE_AUDIT_RETENTION_DAYS: '-3' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'CAUSETTE_AUDIT_RETENTION_DAYS', 'CAUSETTE_PING_INTERVAL_MS']);
    }
  });

  it('never prints a secret', () => {
    expect(() => loadConfig({ CAUSETTE_METRICS_TOKEN: 'hunter2' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});

describe('the schema', () => {
  it('declares the variables the server has always read', () => {
    expect([...ENV_NAMES].sort()).toEqual([
      'CAUSETTE_ADMIN_EMAIL',
      'CAUSETTE_ADMIN_PASSWORD',
      'CAUSETTE_API_DOCS',
      'CAUSETTE_ATTACHMENT_MAX_BYTES',
      'CAUSETTE_AUDIT_RETENTION_DAYS',
      'CAUSETTE_CONSOLE_ORIGINS',
      'CAUSETTE_FILE_LINK_TTL_HOURS',
      'CAUSETTE_LIMIT_CONNECTIONS_PER_MINUTE',
      'CAUSETTE_LIMIT_CONVERSATIONS_PER_IP_HOUR',
      'CAUSETTE_LIMIT_CONVERSATIONS_PER_VISITOR_HOUR',
      'CAUSETTE_LIMIT_EVENTS_PER_10S',
      'CAUSETTE_LIMIT_NEW_VISITORS_PER_MINUTE',
      'CAUSETTE_LIMIT_REST_PER_MINUTE',
      'CAUSETTE_LIMIT_SOCKETS_PER_IP',
      'CAUSETTE_LIMIT_VISITOR_MESSAGES_PER_10S',
      'CAUSETTE_MAIL_FROM',
      'CAUSETTE_METRICS_TOKEN',
      'CAUSETTE_PING_INTERVAL_MS',
      'CAUSETTE_PING_TIMEOUT_MS',
      'CAUSETTE_PUBLIC_URL',
      'CAUSETTE_RECOVERY_WINDOW_MS',
      'CAUSETTE_REPLY_EMAIL_DELAY_MS',
      'CAUSETTE_REQUEUE_GRACE_MS',
      'CAUSETTE_RESUME_LINK_TTL_HOURS',
      'CAUSETTE_RETENTION_SWEEP_MS',
      'CAUSETTE_SMTP_URL',
      'CAUSETTE_SWEEP_MS',
      'CAUSETTE_TWO_FACTOR_KEY',
      'CONSOLE_DIR',
      'DATABASE_SCHEMA',
      'DATABASE_URL',
      'DATA_DIR',
      'DEMO_DIR',
      'HOST',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
      'TRUST_PROXY',
      'WIDGET_DIR',
    ]);
  });
});
