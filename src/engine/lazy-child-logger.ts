// A child logger that is built only when something is logged. The work runner gives every item a
// logger carrying its ids; at peak that is thousands of items a minute, nearly all of which log
// nothing at the configured level, and building a child (bindings serialised and scrubbed) is not free.
// A line below the parent's level is dropped before the child is built (every item logs 'work done'
// at debug).
import type { LogFields, Logger } from '../ports/logger.js';

export class LazyChildLogger implements Logger {
  #built: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly fields: LogFields,
  ) {}

  debug(msg: string, fields?: LogFields): void {
    if (this.parent.isLevelEnabled?.('debug') === false) return;
    this.#logger().debug(msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.#logger().info(msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.#logger().warn(msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.#logger().error(msg, fields);
  }

  child(fields: LogFields): Logger {
    return new LazyChildLogger(this.parent, { ...this.fields, ...fields });
  }

  isLevelEnabled(level: 'debug' | 'info' | 'warn' | 'error'): boolean {
    return this.parent.isLevelEnabled?.(level) ?? true;
  }

  #logger(): Logger {
    this.#built ??= this.parent.child(this.fields);
    return this.#built;
  }
}
