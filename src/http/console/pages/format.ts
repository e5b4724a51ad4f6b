// Small formatting shared by the pages: times, ages, money, verdict badges.
import { formatMinorUnits } from '../../../domain/shared/money.js';
import { html, type Html } from './html.js';

export function when(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? 'never' : new Date(ms).toISOString().replace('.000Z', 'Z').replace('T', ' ');
}

export function ago(ms: number | null | undefined, now: number): string {
  if (ms === null || ms === undefined) return 'never';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

export function money(minor: number, fractionDigits: number, currency?: string): string {
  return `${formatMinorUnits(minor, fractionDigits)}${currency ? ` ${currency}` : ''}`;
}

export function badge(verdict: string): Html {
  return html`<span class="badge ${verdict}">${verdict}</span>`;
}
