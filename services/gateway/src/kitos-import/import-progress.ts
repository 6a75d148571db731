import { countsLine, typeLabel } from './import-report';
import type { ImportProgress } from './kitos-importer';

/**
 * Progress on a terminal: on a TTY one live line per type, rewritten as objects are handled and left standing when the
 * type is done; otherwise (a log, a pipe) only the finished line per type.
 */
export class ImportProgressPrinter {
  private live = false;

  constructor(
    private readonly out: { write(text: string): unknown },
    private readonly tty: boolean,
    private readonly apply: boolean,
  ) {}

  update(progress: ImportProgress): void {
    if (progress.finished) {
      this.out.write(`${this.tty && this.live ? '\r\x1b[2K' : ''}${countsLine(progress.type, progress.counts, this.apply)}\n`);
      this.live = false;
      return;
    }
    if (!this.tty) return;
    this.out.write(`\r\x1b[2K${typeLabel(progress.type).padEnd(18)} ${progress.done}/${progress.total} …`);
    this.live = true;
  }
}
