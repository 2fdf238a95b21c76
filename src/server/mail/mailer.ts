import nodemailer from 'nodemailer';
import type { Lang } from '../../domain/taxonomy.js';

/**
 * Outgoing e-mail over SMTP (MELDPUNT_SMTP_URL, e.g. smtp://relay.example.nl:587).
 * Messages are content-free by design: they say that something happened and link to the
 * application, never what a case is about. Templates live in mail.templates.ts.
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Sending without MELDPUNT_SMTP_URL: an expected state of a fresh or demo installation, not a fault. */
export class MailNotConfiguredError extends Error {
  constructor() {
    super('no SMTP server configured (set MELDPUNT_SMTP_URL)');
    this.name = 'MailNotConfiguredError';
  }
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      async send() {
        throw new MailNotConfiguredError();
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

export type MailLang = Lang;
