// A page that says one thing (refused, not found, cannot do that) with a way back.
import type { Principal } from '../console-context.js';
import { html } from './html.js';
import { page } from './layout.js';

export function messagePage(principal: Principal | null, title: string, message: string): string {
  return page({ title, principal }, html`<p class="message">${message}</p><p><a href="/">Back to the overview</a></p>`);
}
