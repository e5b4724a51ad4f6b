// Sign in: email and password for local accounts, and the single sign-on button when it is configured.
import { html } from './html.js';
import { page } from './layout.js';

export function loginPage(csrf: string, options: { sso: boolean; error?: string; next?: string }): string {
  return page({ title: 'Sign in', principal: null, csrf, flash: options.error ? { kind: 'error', text: options.error } : null }, html`
<form class="login" method="post" action="/login">
  <input type="hidden" name="_csrf" value="${csrf}">
  <input type="hidden" name="next" value="${options.next ?? '/'}">
  <p><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required autofocus></p>
  <p><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
  <p><button type="submit">Sign in</button></p>
</form>
${options.sso ? html`<p><a class="button" href="/login/sso">Sign in with single sign-on</a></p>` : ''}`);
}
