import { appendFileSync, existsSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { localTimestamp } from './localTime';
import { redact, type Fields } from './redact';

// One plain-text log per station, beside its store (station.db -> station.log), for a technician:
// one line per entry, `<local time with offset> <LEVEL> <area> <message> <fields as JSON>`.
// It rotates by size: station.log, then station.log.1 (newer) ... station.log.4 (oldest).

export type Level = 'info' | 'warn' | 'error';

export interface LogOptions {
  now?: () => Date;
  /** Past this, the file is moved to .1 and a new one begun. */
  maxBytes?: number;
  /** Files kept in all, the one written to included. */
  files?: number;
}

export const logDefaults = { maxBytes: 1024 * 1024, files: 5 } as const;

export function logFileOf(storeFile: string): string {
  const { dir, name, ext } = path.parse(path.resolve(storeFile));
  return path.join(dir, `${ext === '.db' ? name : name + ext}.log`);
}

/** The log's files as they stand, newest first. */
export function logFiles(file: string, files: number = logDefaults.files): string[] {
  return [file, ...Array.from({ length: files - 1 }, (_, i) => `${file}.${i + 1}`)].filter((f) => existsSync(f));
}

function describe(fields: Fields | undefined): string {
  if (!fields || Object.keys(fields).length === 0) return '';
  return ` ${JSON.stringify(redact(fields), (_name, value: unknown) => (value instanceof Error ? value.message : value))}`;
}

export class StationLog {
  private readonly now: () => Date;
  private readonly maxBytes: number;
  private readonly files: number;

  constructor(
    readonly file: string,
    options: LogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxBytes = options.maxBytes ?? logDefaults.maxBytes;
    this.files = options.files ?? logDefaults.files;
  }

  info(area: string, message: string, fields?: Fields): void {
    this.write('info', area, message, fields);
  }

  warn(area: string, message: string, fields?: Fields): void {
    this.write('warn', area, message, fields);
  }

  error(area: string, message: string, fields?: Fields): void {
    this.write('error', area, message, fields);
  }

  /** A log that cannot be written (a full disk) never stops the station's work: the line goes to stderr instead. */
  private write(level: Level, area: string, message: string, fields?: Fields): void {
    const line = `${localTimestamp(this.now())} ${level.toUpperCase().padEnd(5)} ${area} ${message.replace(/\s*\n\s*/g, ' ')}${describe(fields)}\n`;
    try {
      this.rotateFor(Buffer.byteLength(line));
      appendFileSync(this.file, line);
    } catch {
      process.stderr.write(`karakana log: ${line}`);
    }
  }

  private rotateFor(bytes: number): void {
    const size = statSync(this.file, { throwIfNoEntry: false })?.size ?? 0;
    if (size === 0 || size + bytes <= this.maxBytes) return;
    // Each rename replaces the file it moves onto: the oldest is dropped by the first.
    for (let i = this.files - 2; i >= 1; i--) if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    renameSync(this.file, `${this.file}.1`);
  }
}
