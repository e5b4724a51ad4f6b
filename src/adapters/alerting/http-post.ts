// POSTs a body and throws unless the answer is 2xx: the dispatcher retries what throws.
export async function postOrThrow(url: string, body: string, headers: Record<string, string>, signal: AbortSignal, what: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal });
  // The body is read so the connection can be reused; its text helps only when the call failed.
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`${what} answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}
