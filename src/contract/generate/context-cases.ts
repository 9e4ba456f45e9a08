// Rules tried in every context of their domain (src/contract/domain.ts), generated: each cell of a
// requirement's domain (operation × auth mode, × position for a rule about a list) gets a case, a
// probe the rule decides under every reading of the docs. The probes are data (what is broken, and
// where); tests/generated/contexts.spec.ts sends them. A rule added to PROBES gets every cell of its
// domain with no new test code; a domain that grows (an operation, a list) grows its cases.
import { cellsOf, domainOf, type AuthContext, type ListPosition } from '../domain.ts';
import type { Operation } from '../operations.ts';
import type { Requirement } from '../requirements.ts';

/**
 * How a probe breaks its rule:
 * - `bad-recipient`: one `to` entry misspelled (a letter inside the number), at the cell's position of five;
 * - `link-in-group`: a group's first message with one rich link at the cell's position among its text parts;
 * - `nested-body`: a body of 10,000 nested objects, sent to the operation;
 * - `pretty-printed`: the operation's example body with its keys reversed and indented, signed as sent.
 */
export type ProbeKind = 'bad-recipient' | 'link-in-group' | 'nested-body' | 'pretty-printed';

export const PROBES: Readonly<Record<string, ProbeKind>> = {
  'PHONE-TO-E164': 'bad-recipient',
  'CHAT-GROUP-MEDIA-FIRST': 'link-in-group',
  'CHAT-BAD-INPUT-NO-5XX': 'nested-body',
  'AUTH-HMAC-RAW-BYTES': 'pretty-printed',
};

export type ContextCase = {
  requirement: string;
  operation: string;
  auth: AuthContext;
  /** `to[middle]`, for a rule about a list. */
  position?: string;
  probe: ProbeKind;
  /** What is sent, as a title reads it. */
  rule: string;
};

const RULE_TEXT: Record<ProbeKind, (position: string | undefined) => string> = {
  'bad-recipient': (p) => `a misspelled number at ${p ?? 'a position'} of five recipients`,
  'link-in-group': (p) => `a group's first message with a rich link at ${p ?? 'a position'}`,
  'nested-body': () => 'a body of 10,000 nested objects',
  'pretty-printed': () => 'a body indented, its keys reversed, signed as sent',
};

/** The index of a position in a list of `length` items. */
export function indexAt(position: ListPosition, length: number): number {
  return position === 'first' ? 0 : position === 'last' ? length - 1 : Math.floor(length / 2);
}

/** `to[middle]` → `middle`. */
export function positionOf(cellPosition: string | undefined): ListPosition | undefined {
  const found = /\[(first|middle|last)\]$/.exec(cellPosition ?? '')?.[1];
  return found as ListPosition | undefined;
}

/** Every cell of every probed requirement's domain, as a case. */
export function contextCases(requirements: readonly Requirement[], operations: readonly Operation[]): ContextCase[] {
  return requirements.flatMap((requirement) => {
    const probe = PROBES[requirement.id];
    if (probe === undefined) return [];
    return cellsOf(domainOf(requirement, operations)).map((cell) => ({
      requirement: requirement.id,
      operation: cell.operation,
      auth: cell.auth,
      ...(cell.position === undefined ? {} : { position: cell.position }),
      probe,
      rule: `${RULE_TEXT[probe](cell.position)} with ${cell.auth === 'bearer' ? 'a bearer token' : 'an HMAC signature'}`,
    }));
  });
}
