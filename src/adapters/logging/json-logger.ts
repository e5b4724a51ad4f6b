// Structured JSON lines (one object per line) for `start`: time, level, msg and correlation fields.
// Secret values print as [redacted] through Secret.toJSON, and every line is scrubbed of configured
// secret values and credential-shaped text (partners echo requests back in their errors).
import type { LogFields, Logger } from '../../ports/logger.js';
import { scrubSecrets } from '../../config/secret.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export class JsonLogger implements Logger {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly base: LogFields = {},
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  debug(msg: string, fields?: LogFields): void { this.log('debug', msg, fields); }
  info(msg: string, fields?: LogFields): void { this.log('info', msg, fields); }
  warn(msg: string, fields?: LogFields): void { this.log('warn', msg, fields); }
  error(msg: string, fields?: LogFields): void { this.log('error', msg, fields); }

  child(fields: LogFields): Logger {
    return new JsonLogger(this.level, { ...this.base, ...fields }, this.write);
  }

  isLevelEnabled(level: LogLevel): boolean {
    return LEVELS[level] >= LEVELS[this.level];
  }

  private log(level: LogLevel, msg: string, fields?: LogFields): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const entry = { time: new Date().toISOString(), level, msg, ...this.base, ...fields };
    this.write(scrubSecrets(JSON.stringify(entry, errorReplacer)));
  }
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

/** Drops everything: for tests and for commands that print their own output. */
export const silentLogger: Logger = {
  debug() {}, info() {}, warn() {}, error() {},
  child() { return silentLogger; },
};
