// Matches method + path to a route. Path parameters are decoded the way SP-API decodes them: on GET
// paths a `+` becomes a space (a known pitfall for ids containing `+`, see amazon-facts.md), so the
// simulator reproduces it instead of hiding it.
import type { Route } from './route.js';

interface CompiledRoute {
  readonly route: Route;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'none' };

export class Router {
  readonly #routes: CompiledRoute[] = [];

  constructor(routes: readonly Route[]) {
    for (const route of routes) this.#routes.push(compile(route));
  }

  match(method: string, path: string): RouteMatch {
    for (const { route, regex, names } of this.#routes) {
      if (route.method !== method) continue;
      const m = regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decodeParam(m[i + 1] ?? '', method)));
      return { kind: 'found', route, params };
    }
    return { kind: 'none' };
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), names };
}

function decodeParam(raw: string, method: string): string {
  const spaced = method === 'GET' ? raw.replace(/\+/g, ' ') : raw;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
