/**
 * The Mailer adapter server.ts chooses from PROOFLINE_SMTP_URL: SMTP through nodemailer (smtp:// with STARTTLS when
 * the server offers it, smtps:// for implicit TLS), or, only when asked for by the value `log`, a development mailer
 * that writes each message to the server log (so a one-time code can be read off the console on a laptop) and says
 * loudly that nothing was sent. Unset: no mailer at all (features that need mail answer 503).
 */
import nodemailer from 'nodemailer';
import type { MailMessage, Mailer } from '../core/mailer.ts';

export interface MailLogger {
  warn(object: object, message: string): void;
}

export interface MailerOptions {
  /** e.g. smtp://user:password@mail.example.org:587; 'log': the development mailer. */
  smtpUrl: string;
  /** The From header, e.g. "Proofline <no-reply@example.org>". */
  from: string;
  logger: MailLogger;
  /** Seconds before an SMTP exchange gives up (default 10). */
  timeoutSeconds?: number;
}

export function createMailer({ smtpUrl, from, logger, timeoutSeconds = 10 }: MailerOptions): Mailer {
  if (smtpUrl === 'log') {
    return {
      async send(message: MailMessage) {
        logger.warn({ mail: { to: message.to, subject: message.subject, text: message.text } }, 'mail NOT sent (PROOFLINE_SMTP_URL=log): development mailer');
      },
    };
  }
  const ms = timeoutSeconds * 1000;
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: ms, greetingTimeout: ms, socketTimeout: ms });
  return {
    async send(message: MailMessage) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
