import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentCorrelationId } from './correlation';

/** Keys whose values never reach a log line (credentials and personal data). */
const REDACTED = ['password', 'token', 'authorization', 'cookie', 'email', 'cpr', 'SAMLResponse'];

let defaultDestination: pino.DestinationStream | undefined;

/**
 * Where loggers created from now on without a destination of their own write (undefined: stdout again). For tests
 * that read what the processes log.
 */
export function setDefaultLogDestination(destination: pino.DestinationStream | undefined): void {
  defaultDestination = destination;
}

/** Structured JSON logs for Nest: one line per entry with service, context and correlation id. */
export class JsonLogger implements LoggerService {
  private readonly root: Logger;

  constructor(service: string, level = 'info', destination?: pino.DestinationStream) {
    this.root = pino(
      {
        level,
        base: { service },
        timestamp: pino.stdTimeFunctions.isoTime,
        messageKey: 'message',
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACTED.flatMap((k) => [k, `*.${k}`]), censor: '[redacted]' },
      },
      destination ?? defaultDestination,
    );
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    const correlationId = currentCorrelationId();
    if (correlationId) fields.correlationId = correlationId;
    if (level === 'error' && typeof params[0] === 'string' && params[0].includes('\n')) fields.stack = params.shift();
    if (message instanceof Error) {
      fields.err = { name: message.name, message: message.message, stack: message.stack };
      this.root[level](fields, message.message);
      return;
    }
    if (typeof message === 'object' && message !== null) {
      this.root[level]({ ...fields, ...(message as Record<string, unknown>) });
      return;
    }
    this.root[level](fields, String(message));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
  setLogLevels(levels: LogLevel[]): void {
    if (levels.length) this.root.level = levels.includes('debug') ? 'debug' : levels.includes('log') ? 'info' : 'warn';
  }
}
