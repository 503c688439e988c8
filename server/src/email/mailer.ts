import nodemailer from 'nodemailer';
import type { EmailConfig } from '../config.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one email; throws when the SMTP server refuses it or cannot be reached. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  /** Connects and authenticates without sending: throws when the SMTP server cannot be used. */
  verify(): Promise<void>;
  close(): void;
}

/**
 * Nodemailer over the SMTP server named by CAUSETTE_SMTP_URL (options such as `?tls.rejectUnauthorized=false`
 * go in its query string, as nodemailer reads them). Null when it is unset: email is off.
 */
export function createMailer(config: Pick<EmailConfig, 'smtpUrl' | 'from'>): Mailer | null {
  if (!config.smtpUrl) return null;
  // Nodemailer's defaults wait minutes on a silent server; a chat server would rather log a failure soon.
  // The URL's own query (e.g. ?socketTimeout=…) still wins.
  const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(email) {
      await transport.sendMail({ from: config.from, to: email.to, subject: email.subject, text: email.text, html: email.html });
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
