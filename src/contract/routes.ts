// Which method and path the spec documents, for code that must tell a documented request from one
// beyond the contract (the live-safety guard): path templates as segments, a parameter matching any
// one segment, literal segments compared without regard to case (as a lenient server routes them).
import { listOperations, type Operation } from './operations.ts';
import { loadSpec } from './spec.ts';

type Route = { method: string; segments: string[] };

const isParameter = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

export function routesOf(operations: readonly Operation[]): Route[] {
  return operations.map((o) => ({ method: o.method, segments: o.path.split('/').filter(Boolean) }));
}

function matches(route: Route, segments: readonly string[]): boolean {
  return route.segments.length === segments.length && route.segments.every((s, i) => isParameter(s) || s.toLowerCase() === segments[i]?.toLowerCase());
}

let specRoutes: Route[] | undefined;

/** Whether the spec documents `method` on a path of these (decoded) segments. */
export function isDocumented(method: string, segments: readonly string[], routes: readonly Route[] = (specRoutes ??= routesOf(listOperations(loadSpec())))): boolean {
  return routes.some((r) => r.method === method.toUpperCase() && matches(r, segments));
}
