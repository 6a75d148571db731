import type { LoggerService } from '@nestjs/common';

/** Keeps log lines in memory: keeps test output quiet and lets a test assert what was logged. */
export class RecordingLogger implements LoggerService {
  readonly lines: { level: 'log' | 'error' | 'warn' | 'debug' | 'verbose'; message: string }[] = [];

  log(message: unknown): void {
    this.lines.push({ level: 'log', message: String(message) });
  }

  error(message: unknown): void {
    this.lines.push({ level: 'error', message: String(message) });
  }

  warn(message: unknown): void {
    this.lines.push({ level: 'warn', message: String(message) });
  }

  debug(message: unknown): void {
    this.lines.push({ level: 'debug', message: String(message) });
  }

  verbose(message: unknown): void {
    this.lines.push({ level: 'verbose', message: String(message) });
  }

  problems(): string[] {
    return this.lines.filter((line) => line.level === 'error' || line.level === 'warn').map((line) => line.message);
  }
}
