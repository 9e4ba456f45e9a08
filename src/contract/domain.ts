// The domain of each requirement: the contexts a rule governs (each operation it applies to, each
// auth mode it must hold under and, for a rule about a list, each position in that list). A cell
// is one such context; `npm run coverage` fails when a cell has no check. The catalog may write a
// domain out (`domain:` in specs/requirements.yaml); where it does not, the domain is derived from
// the statement, the area and the spec's operations, so a rule added to the catalog has one.
import type { Operation } from './operations.ts';
import type { Requirement } from './requirements.ts';

/** How a request authenticates in a cell: a mode of the spec, or none (the rules about missing credentials). */
export type AuthContext = 'bearer' | 'hmac' | 'none';
export const AUTH_CONTEXTS: readonly AuthContext[] = ['bearer', 'hmac', 'none'];

/** Where in a list a rule about its items is tried: a fault that checks one item only shows at the others. */
export const LIST_POSITIONS = ['first', 'middle', 'last'] as const;
export type ListPosition = (typeof LIST_POSITIONS)[number];

/** The domain as the catalog writes it (every field optional: what is left out is derived). */
export type WrittenDomain = {
  /** operationIds, `every` for every operation of the spec, `with-body` for every one that takes a body. */
  operations?: string[] | 'every' | 'with-body';
  auth?: AuthContext[];
  /** The lists whose items the rule judges (`to`, `message.parts`): tried at each position. */
  lists?: string[];
  /** Why the rule has no context a black-box check can reach; no cell is then required. */
  na?: string;
  /** Why the domain is narrower than the statement's words suggest (shown with the cells). */
  why?: string;
};

export type Domain = { operations: string[]; auth: AuthContext[]; lists: string[]; na?: string; why?: string };

export type Cell = { operation: string; auth: AuthContext; position?: string };

/** The route an area's rules are about, when the area is one route's. */
const AREA_OPERATIONS: Record<string, string[]> = {
  route: ['createChat'],
  recipients: ['createChat'],
  validation: ['createChat'],
  phones: ['createChat'],
  idempotency: ['createChat'],
  typing: ['sendTyping'],
  'mark-read': ['markRead'],
  rename: ['updateChat'],
  leave: ['leaveChat'],
  react: ['reactToMessage'],
  edit: ['editMessage'],
  participants: ['addParticipant'],
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Operations a statement names by method and path (`POST /api/v1/chats/{id}/typing`). */
function namedOperations(statement: string, operations: readonly Operation[]): string[] {
  return operations.filter((o) => new RegExp(`${o.method} ${escapeRegExp(o.path)}(?![\\w/{])`).test(statement)).map((o) => o.operationId);
}

const EVERY_OPERATION = /\bon every operation\b|\bto any operation\b/;

/** The auth modes a rule is about by its name: the HMAC rules hold for signed requests, the bearer rules for tokens. */
function derivedAuth(id: string, operations: readonly Operation[], governed: readonly string[]): AuthContext[] {
  if (id.startsWith('AUTH-HMAC-')) return ['hmac'];
  if (id.startsWith('AUTH-BEARER-')) return ['bearer'];
  const modes = new Set(operations.filter((o) => governed.includes(o.operationId)).flatMap((o) => o.authModes));
  return AUTH_CONTEXTS.filter((m) => modes.has(m as 'bearer' | 'hmac'));
}

/** The requirement's domain: what the catalog writes, the rest derived. */
export function domainOf(requirement: Requirement & { domain?: WrittenDomain }, operations: readonly Operation[]): Domain {
  const written = requirement.domain ?? {};
  const known = new Set(operations.map((o) => o.operationId));
  const derivedOperations = EVERY_OPERATION.test(requirement.statement)
    ? [...known]
    : namedOperations(requirement.statement, operations).length > 0 ? namedOperations(requirement.statement, operations) : (AREA_OPERATIONS[requirement.area] ?? []);
  const withBody = operations.filter((o) => o.requestSchema !== undefined).map((o) => o.operationId);
  const chosen = written.operations === 'every' ? [...known] : written.operations === 'with-body' ? withBody : (written.operations ?? derivedOperations);
  for (const id of chosen) if (!known.has(id)) throw new Error(`${requirement.id}: domain names operation "${id}", which the spec does not have.`);
  if (chosen.length === 0 && written.na === undefined && requirement.untestable === undefined) {
    throw new Error(`${requirement.id}: no operation could be derived for its domain; write \`domain: { operations: [...] }\` or \`domain: { na: why }\` in specs/requirements.yaml.`);
  }
  return {
    operations: chosen,
    auth: written.auth ?? derivedAuth(requirement.id, operations, chosen),
    lists: written.lists ?? [],
    ...(written.na === undefined ? {} : { na: written.na }),
    ...(written.why === undefined ? {} : { why: written.why }),
  };
}

/** A cell as one line of text: `createChat bearer to[last]`. */
export const cellKey = (cell: Cell): string => `${cell.operation} ${cell.auth}${cell.position === undefined ? '' : ` ${cell.position}`}`;

export function parseCellKey(key: string): Cell {
  const [operation = '', auth = 'hmac', position] = key.split(' ');
  return { operation, auth: auth as AuthContext, ...(position === undefined ? {} : { position }) };
}

/** Every cell of a domain: operation × auth mode, × list position for a rule about a list. */
export function cellsOf(domain: Domain): Cell[] {
  if (domain.na !== undefined) return [];
  const positions = domain.lists.flatMap((list) => LIST_POSITIONS.map((p) => `${list}[${p}]`));
  return domain.operations.flatMap((operation) =>
    domain.auth.flatMap((auth) => (positions.length === 0 ? [{ operation, auth }] : positions.map((position) => ({ operation, auth, position })))),
  );
}
