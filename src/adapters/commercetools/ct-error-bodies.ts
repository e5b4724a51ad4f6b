// The commercetools SDK (ts-client 4) reads every error answer as JSON with at least one entry in
// `errors`: an HTML or empty body (a load balancer's 502/503, a proxy's 429) makes it throw a
// SyntaxError, and `"errors": []` a TypeError, so the answer's status is lost and a throttled or
// unavailable commercetools looks like a bug. This fetch hands the SDK such answers in commercetools'
// own error shape instead, status, headers and what was said kept. The token endpoint is left alone:
// its errors have their own shape (OAuth), which the auth middleware reads.

export function readableErrorBodies(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status < 400 || isTokenEndpoint(input)) return response;
    const text = await response.text();
    const headers = new Headers(response.headers);
    // The body may change length; the SDK reads it whole either way.
    headers.delete('content-length');
    headers.delete('content-encoding');
    headers.set('content-type', 'application/json; charset=utf-8');
    return new Response(readableBody(text, response.status, response.statusText), { status: response.status, statusText: response.statusText, headers });
  };
}

/** The body unchanged when the SDK can read it; else `{statusCode, message, errors: [{message}]}`. */
export function readableBody(text: string, status: number, statusText: string): string {
  const parsed = parseObject(text);
  if (parsed && Array.isArray(parsed.errors) && parsed.errors.length > 0 && parsed.errors.every((e) => e !== null && typeof e === 'object')) return text;
  const said = typeof parsed?.message === 'string' && parsed.message.length > 0 ? parsed.message : plainText(text);
  const message = said ? `commercetools answered HTTP ${status}: ${said}` : `commercetools answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  return JSON.stringify({ ...(parsed ?? {}), statusCode: status, message, errors: [{ message }] });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An HTML page or other text, shortened to one line a person can read in an exception. */
function plainText(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

function isTokenEndpoint(input: string | URL | Request): boolean {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return new URL(href).pathname.startsWith('/oauth/');
}
