// The routes the mock serves, matched without URL parsing and without allocating per request.
export type RouteName = 'create' | 'post-message' | 'list-messages' | 'stats';

export type RouteMatch =
  | { kind: 'route'; name: RouteName; chatId: string }
  | { kind: 'wrong-method'; allow: string }
  | { kind: 'unknown' };

/** The mock's own read-only stats, for runners in another process. Not part of the Chert API. */
export const STATS_PATH = '/__mock/stats';

const CHAT_MESSAGES = /^\/api\/v1\/chats\/([^/]+)\/messages$/;
const UNKNOWN: RouteMatch = { kind: 'unknown' };
const CREATE: RouteMatch = { kind: 'route', name: 'create', chatId: '' };
const STATS: RouteMatch = { kind: 'route', name: 'stats', chatId: '' };
const wrongMethod = (allow: string): RouteMatch => ({ kind: 'wrong-method', allow });

export function matchRoute(method: string, url: string): RouteMatch {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path === '/api/v1/chats') return method === 'POST' ? CREATE : wrongMethod('POST');
  const messages = CHAT_MESSAGES.exec(path);
  if (messages) {
    const chatId = messages[1] as string;
    if (method === 'GET') return { kind: 'route', name: 'list-messages', chatId };
    return method === 'POST' ? { kind: 'route', name: 'post-message', chatId } : wrongMethod('GET, POST');
  }
  if (path === STATS_PATH) return method === 'GET' ? STATS : wrongMethod('GET');
  return UNKNOWN;
}
