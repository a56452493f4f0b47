import type { Route } from './route.js';

export interface MatchedRoute {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/** A path that fits a route's template but whose parameter is not valid percent-encoding (`%zz`). */
export interface UndecodablePath {
  readonly route: Route;
  readonly undecodable: string;
}

export type RouteMatch = MatchedRoute | UndecodablePath | { readonly allowed: readonly string[] } | undefined;

/** `decodeURIComponent` throws on a bad escape; a caller's typo must not become a 500. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** Matches `/residents/{residentId}` style templates; tells "unknown path" (404) from "wrong method" (405). */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(readonly routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const param = segment.match(/^\{(\w+)\}$/);
          if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          names.push(param[1]!);
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const { route, pattern, names } of this.compiled) {
      const found = pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      // A null-prototype record: a parameter named like an Object.prototype member stays data.
      const params: Record<string, string> = Object.create(null);
      for (const [i, name] of names.entries()) {
        const value = decodeSegment(found[i + 1]!);
        if (value === undefined) return { route, undecodable: name };
        params[name] = value;
      }
      return { route, params };
    }
    return allowed.length > 0 ? { allowed } : undefined;
  }
}
