// A secret value that cannot be logged by accident: it prints as [redacted] in strings, JSON and
// util.inspect. Call reveal() only where the value leaves the process (an HTTP header or form).
// Every Secret's value is also remembered, so scrubSecrets() can take it out of any text that is about
// to leave the process (a log line, a stored error, CLI output): partners echo requests back in errors.
import { inspect } from 'node:util';

// Each known value with the forms it takes in text (plain, URL-encoded, form-encoded), worked out once.
const knownForms = new Map<string, readonly string[]>();
// Shorter values would redact ordinary words; no real credential is this short.
const MIN_SCRUBBED_LENGTH = 4;

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
    if (value.length >= MIN_SCRUBBED_LENGTH && !knownForms.has(value)) knownForms.set(value, textForms(value));
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

const REDACTED = '[redacted]';
// Credential-shaped text, whether or not its value is a configured secret.
const CREDENTIAL_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Form bodies and query strings: client_secret=…&refresh_token=…
  [/\b(client_secret|refresh_token|access_token|id_token|client_assertion|password|passwd|api_key|apikey|secret|token)=[^&\s"'<>]+/gi, `$1=${REDACTED}`],
  // JSON members: "client_secret": "…"
  [/"(client_secret|refresh_token|access_token|id_token|password|secret|token)"\s*:\s*"(?:[^"\\]|\\.)*"/gi, `"$1":"${REDACTED}"`],
  // URLs with a password: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^@\s/]*@/gi, `$1:${REDACTED}@`],
  // Login with Amazon refresh and access tokens (Atzr|…, Atza|…)
  [/\bAtz[ar]\|[A-Za-z0-9._\-|=+/%]+/g, REDACTED],
  // Authorization headers
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  [/\b(x-amz-access-token)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1$2${REDACTED}`],
];

function textForms(value: string): readonly string[] {
  return [...new Set([value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)])];
}

/** `text` without any configured secret value (plain or URL-encoded) and without credential-shaped strings. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const forms of knownForms.values()) {
    for (const form of forms) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
