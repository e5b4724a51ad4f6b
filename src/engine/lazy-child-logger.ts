// A child logger that is built only when something is logged. The work runner gives every item a
// logger carrying its ids; at peak that is thousands of items a minute, nearly all of which log
// nothing at the configured level, and building a child (bindings serialised and scrubbed) is not free.
import type { LogFields, Logger } from '../ports/logger.js';

export class LazyChildLogger implements Logger {
  #built: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly fields: LogFields,
  ) {}

  debug(msg: string, fields?: LogFields): void {
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

  #logger(): Logger {
    this.#built ??= this.parent.child(this.fields);
    return this.#built;
  }
}
