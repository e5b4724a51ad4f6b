// The single place that reads the process environment (lint forbids process.env elsewhere).
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
