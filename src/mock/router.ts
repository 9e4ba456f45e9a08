// The routes the mock serves, matched without URL parsing and without allocating per request.
export type RouteName =
  | 'create' | 'post-message' | 'list-messages' | 'stats'
  | 'typing' | 'mark-read' | 'update-chat' | 'add-participant' | 'remove-participant' | 'leave'
  | 'react' | 'edit'
  | 'mock-clock' | 'mock-inbound' | 'mock-unpin-line';

export type RouteMatch =
  /** `chatId` holds the path's id: a chat id, or a message id on the message routes. */
  | { kind: 'route'; name: RouteName; chatId: string; address?: string }
  | { kind: 'wrong-method'; allow: string }
  | { kind: 'unknown' };

/** The mock's own read-only stats, for runners in another process. Not part of the Chert API. */
export const STATS_PATH = '/__mock/stats';
/** Mock-only test controls (not part of the Chert API): see README "Test controls". */
export const CONTROL_PATHS = { 'mock-clock': '/__mock/clock', 'mock-inbound': '/__mock/inbound', 'mock-unpin-line': '/__mock/unpin-line' } as const;

const CHAT_MESSAGES = /^\/api\/v1\/chats\/([^/]+)\/messages$/;
const CHAT = /^\/api\/v1\/chats\/([^/]+)$/;
const CHAT_ACTION = /^\/api\/v1\/chats\/([^/]+)\/(typing|mark-read|leave|participants)$/;
const PARTICIPANT = /^\/api\/v1\/chats\/([^/]+)\/participants\/([^/]+)$/;
const MESSAGE_ACTION = /^\/api\/v1\/messages\/([^/]+)\/(react|edit)$/;
const UNKNOWN: RouteMatch = { kind: 'unknown' };
const CREATE: RouteMatch = { kind: 'route', name: 'create', chatId: '' };
const STATS: RouteMatch = { kind: 'route', name: 'stats', chatId: '' };
const wrongMethod = (allow: string): RouteMatch => ({ kind: 'wrong-method', allow });
/** The route, when asked with the one method it takes; else a 405 naming that method. */
const only = (allowed: string, method: string, match: RouteMatch): RouteMatch => (method === allowed ? match : wrongMethod(allowed));
const route = (name: RouteName, chatId: string, address?: string): RouteMatch => ({ kind: 'route', name, chatId, ...(address === undefined ? {} : { address }) });

const CHAT_ACTIONS: Record<string, RouteName> = { typing: 'typing', 'mark-read': 'mark-read', leave: 'leave', participants: 'add-participant' };

/** The routes of a chat's life after creation (contract 1c); all POST but rename (PUT) and removal (DELETE). */
function matchLifeRoute(method: string, path: string): RouteMatch | undefined {
  const action = CHAT_ACTION.exec(path);
  if (action) return only('POST', method, route(CHAT_ACTIONS[action[2] as string] as RouteName, action[1] as string));
  const chat = CHAT.exec(path);
  if (chat) return only('PUT', method, route('update-chat', chat[1] as string));
  const participant = PARTICIPANT.exec(path);
  if (participant) return only('DELETE', method, route('remove-participant', participant[1] as string, participant[2] as string));
  const message = MESSAGE_ACTION.exec(path);
  if (message) return only('POST', method, route(message[2] as 'react' | 'edit', message[1] as string));
  return undefined;
}

function matchControl(method: string, path: string): RouteMatch | undefined {
  for (const [name, controlPath] of Object.entries(CONTROL_PATHS)) {
    if (path === controlPath) return only('POST', method, route(name as RouteName, ''));
  }
  return undefined;
}

export function matchRoute(method: string, url: string): RouteMatch {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path === '/api/v1/chats') return only('POST', method, CREATE);
  const messages = CHAT_MESSAGES.exec(path);
  if (messages) {
    const chatId = messages[1] as string;
    if (method === 'GET') return { kind: 'route', name: 'list-messages', chatId };
    return method === 'POST' ? { kind: 'route', name: 'post-message', chatId } : wrongMethod('GET, POST');
  }
  if (path === STATS_PATH) return method === 'GET' ? STATS : wrongMethod('GET');
  if (path.startsWith('/__mock/')) return matchControl(method, path) ?? UNKNOWN;
  return matchLifeRoute(method, path) ?? UNKNOWN;
}
