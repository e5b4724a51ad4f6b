// Where to go after signing in or acting: only paths on this console (never another site).
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : fallback;
}

/** `path` with ?ok=… or ?error=… added, for the page to show what just happened. */
export function withFlash(path: string, kind: 'ok' | 'error', text: string): string {
  const url = new URL(path, 'http://console');
  url.searchParams.delete('ok');
  url.searchParams.delete('error');
  url.searchParams.set(kind, text);
  return url.pathname + url.search;
}
