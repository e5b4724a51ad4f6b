// The frame of every console page: skip link, navigation with the current page marked, who is signed
// in, a status region for what just happened, and the page's main content.
import type { Principal } from '../console-context.js';
import { html, type Html } from './html.js';

export interface PageFrame {
  readonly title: string;
  readonly principal: Principal | null;
  /** The CSRF token for forms on the page (absent on pages without forms). */
  readonly csrf?: string;
  /** The nav entry to mark as current. */
  readonly current?: string;
  readonly flash?: { readonly kind: 'ok' | 'error'; readonly text: string } | null;
  readonly scripts?: readonly string[];
}

const NAV: ReadonlyArray<[string, string]> = [
  ['/', 'Overview'], ['/exceptions', 'Exceptions'], ['/orders', 'Orders'], ['/inventory', 'Inventory'], ['/settlements', 'Settlements'], ['/audit', 'Audit log'],
];

export function page(frame: PageFrame, body: Html): string {
  const p = frame.principal;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · fba-bridge</title>
<link rel="stylesheet" href="/assets/console.css">
${(frame.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <span class="brand">fba-bridge</span>
  ${p ? html`<nav aria-label="Console"><ul>${NAV.map(([href, label]) => html`<li><a href="${href}"${frame.current === href ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul></nav>
  <div class="who"><span>${p.name} <span class="role">(${p.role})</span></span>${frame.csrf ? html`<form method="post" action="/logout">
    <input type="hidden" name="_csrf" value="${frame.csrf}"><button type="submit">Sign out</button></form>` : ''}</div>` : ''}
</header>
<main id="main" tabindex="-1">
<h1>${frame.title}</h1>
<div role="status" aria-live="polite" class="flash ${frame.flash?.kind ?? ''}">${frame.flash?.text ?? ''}</div>
${body}
</main>
</body>
</html>`.text;
}

/** The flash message a redirect after an action carried in its query (?ok=… or ?error=…). */
export function flashFrom(query: Record<string, unknown>): PageFrame['flash'] {
  if (typeof query.error === 'string' && query.error) return { kind: 'error', text: query.error.slice(0, 500) };
  if (typeof query.ok === 'string' && query.ok) return { kind: 'ok', text: query.ok.slice(0, 500) };
  return null;
}
