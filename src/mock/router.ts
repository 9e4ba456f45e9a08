// The routes the mock serves, matched without URL parsing (the hot path sees one string compare).
export type RouteName = 'create' | 'post-message' | 'list-messages' | 'stats';

export type RouteMatch =
  | { kind: 'route'; name: RouteName; chatId: string }
  | { kind: 'wrong-method'; allow: string }
  | { kind: 'unknown' };

/** The mock's own read-only stats, for runners in another process. Not part of the Chert API. */
export const STATS_PATH = '/__mock/stats';

const CHAT_MESSAGES = /^\/api\/v1\/chats\/([^/]+)\/messages$/;

function byMethod(method: string, routes: Record<string, RouteName>, chatId = ''): RouteMatch {
  const name = Object.hasOwn(routes, method) ? routes[method] : undefined;
  return name ? { kind: 'route', name, chatId } : { kind: 'wrong-method', allow: Object.keys(routes).join(', ') };
}

export function matchRoute(method: string, url: string): RouteMatch {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path === '/api/v1/chats') return byMethod(method, { POST: 'create' });
  const messages = CHAT_MESSAGES.exec(path);
  if (messages) return byMethod(method, { GET: 'list-messages', POST: 'post-message' }, messages[1]);
  if (path === STATS_PATH) return byMethod(method, { GET: 'stats' });
  return { kind: 'unknown' };
}
