import { readFileSync } from 'node:fs';
import { createTransport, type Transporter } from 'nodemailer';
import type { ContractsConfig } from '../contracts.config';

export const MAIL_SENDER = Symbol('MAIL_SENDER');

export interface MailMessage {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** The same for every attempt at one occurrence, so that a receiving system can drop a rare duplicate. */
  readonly messageId: string;
}

export interface MailResult {
  readonly accepted: string[];
  readonly rejected: string[];
}

/** Sends e-mail; `enabled` false means no server is configured (reminders then become alerts). */
export interface MailSender {
  readonly enabled: boolean;
  send(message: MailMessage): Promise<MailResult>;
}

/** The failure of a send, with the SMTP reply code when the server gave one. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

const addresses = (list: ReadonlyArray<string | { address: string }> | undefined): string[] =>
  (list ?? []).map((a) => (typeof a === 'string' ? a : a.address).toLowerCase());

/** SMTP through nodemailer: `smtp://` (STARTTLS when the server offers it) or `smtps://` (TLS from the first byte). */
export class SmtpMailSender implements MailSender {
  readonly enabled = true;
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    auth: { user: string; pass: string } | null,
    timeoutMs: number,
  ) {
    const parsed = new URL(url);
    this.transport = createTransport({
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : parsed.protocol === 'smtps:' ? 465 : 587,
      secure: parsed.protocol === 'smtps:',
      auth: auth ?? undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      // one connection per message: a restarted server never meets a stale pooled connection
      pool: false,
    });
  }

  async send(message: MailMessage): Promise<MailResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: [...message.to],
        cc: message.cc.length ? [...message.cc] : undefined,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
      });
      return { accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    } catch (error) {
      const e = error as Error & { responseCode?: number };
      throw new MailError(e.message, e.responseCode ?? null);
    }
  }
}

export const disabledMailSender: MailSender = {
  enabled: false,
  send: () => Promise.reject(new MailError('mail is disabled (no SMTP_URL)', null)),
};

/** The sender the configuration asks for; SMTP_PASSWORD and SMTP_PASSWORD_FILE together are refused. */
export function mailSenderFor(config: ContractsConfig): MailSender {
  if (!config.smtpUrl) return disabledMailSender;
  if (config.smtpPassword && config.smtpPasswordFile) throw new Error('Set SMTP_PASSWORD or SMTP_PASSWORD_FILE, not both');
  const password = config.smtpPasswordFile ? readFileSync(config.smtpPasswordFile, 'utf8').trim() : config.smtpPassword;
  const auth = config.smtpUser ? { user: config.smtpUser, pass: password } : null;
  return new SmtpMailSender(config.smtpUrl, config.smtpFrom, auth, config.smtpTimeoutMs);
}
