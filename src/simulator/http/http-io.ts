// Reading requests and writing JSON answers over node:http.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type ParsedBody = { readonly body: unknown; readonly malformed: boolean };

export function parseJsonBody(raw: string): ParsedBody {
  if (raw.trim() === '') return { body: undefined, malformed: false };
  try {
    return { body: JSON.parse(raw) as unknown, malformed: false };
  } catch {
    return { body: raw, malformed: true };
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>>): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Bytes as they are (content-type comes with `headers`). */
export function sendRaw(res: ServerResponse, status: number, bytes: Uint8Array, headers: Readonly<Record<string, string>>): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-length': bytes.byteLength, ...headers });
  res.end(bytes);
}

/** Calls `callback` after `delayMs` of real time; the returned function cancels it. Injectable so tests step time. */
export type RealTimer = (callback: () => void, delayMs: number) => () => void;

export const realTimer: RealTimer = (callback, delayMs) => {
  // unref: a pending artificial delay must not keep a shutting-down process alive.
  const handle = setTimeout(callback, delayMs).unref();
  return () => clearTimeout(handle);
};

export function sleep(ms: number, timer: RealTimer = realTimer): Promise<void> {
  return new Promise((resolve) => void timer(resolve, ms));
}
