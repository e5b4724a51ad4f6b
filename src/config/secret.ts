// A secret value that cannot be logged by accident: it prints as [redacted] in strings, JSON and
// util.inspect. Call reveal() only where the value leaves the process (an HTTP header or form).
import { inspect } from 'node:util';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}
