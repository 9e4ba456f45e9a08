// Rules shared by the routes of a chat's life (contract 1c): whether the chat is a group the line
// is still in (1006), whether the line can do the operation (4099), the size floor (1002), what a
// group the line left answers. Where the docs are silent, each follows the mock's reading of the
// open choice (specs/open-choices.yaml). No route after the create refuses an undeliverable
// recipient (502 / 4001): under undeliverable-recipient=refused-sync the create itself is refused,
// so no chat exists for a later route to refuse.
import { apiError, type ApiError } from '../../errors.ts';
import type { FaultName } from '../../faults.ts';
import type { MockState } from '../../state.ts';
import type { ChatRecord } from '../../store.ts';

/** Apple's smallest group. */
export const MIN_GROUP_SIZE = 3;
/** The most recipients a group is created with; group-size-after-add=capped holds adds to it too. */
export const MAX_GROUP_MEMBERS = 31;

/** The routes that act on a chat through its line. */
export type LineRoute = 'rename' | 'mark-read' | 'participants' | 'leave' | 'edit' | 'typing' | 'follow-up' | 'react';
/** Every route that reads or acts on a chat after creation. */
export type LifeRoute = LineRoute | 'history';

/** 4099's status: as each route page gives it (422 on the participant pages, 501 elsewhere), or the catalog's 422. */
function unavailableStatus(state: MockState, route: LineRoute, fault: FaultName | undefined): number {
  if (fault === 'line-4099-uniform-501') return 501;
  if (fault === 'line-4099-uniform-422' || state.readings.is('lifecycle-4099-status', 'catalog')) return 422;
  return route === 'participants' ? 422 : 501;
}

const noPinnedLine = (state: MockState, route: LineRoute) =>
  apiError(4099, 'The group has no chat key or no pinned line.', { status: unavailableStatus(state, route, state.fault) });

/** 4099 while the chat has no pinned line: unpinned by a test, or not yet pinned (line-ready-after-create). */
export function lineUnavailable(state: MockState, record: ChatRecord, route: LineRoute): ApiError | undefined {
  const ready = state.readings.is('line-ready-after-create', 'ready-at-once') || state.clock.now() >= record.life.readyAtMs;
  return record.life.pinned && ready ? undefined : noPinnedLine(state, route);
}

const groupOnlyError = (message: string): ApiError => apiError(1006, message, { status: 400 });

/**
 * group-ops-after-leave: what a route answers for a group the line has left; undefined where it
 * goes on as before. Leaving again is 1006 under every reading ("leaving twice gives 1006"). The
 * routes that are no group operation go on as before by default: they call `leftGroupRefusal`.
 */
export function afterLeave(state: MockState, record: ChatRecord, route: LifeRoute): ApiError | undefined {
  if (!record.life.left) return undefined;
  if (route === 'leave') return groupOnlyError('The line has already left this group.');
  switch (state.readings.of('group-ops-after-leave')) {
    case 'no-pinned-line':
      return route === 'history' ? undefined : noPinnedLine(state, route);
    case 'downstream-refused':
      return route === 'history' ? undefined : apiError(4001, 'The line is no longer a member of this group.');
    case 'chat-gone':
      return apiError(route === 'react' || route === 'edit' ? 2003 : 2002);
    case 'record-updated':
      return undefined;
    default: // not-a-group-1006: the group operations refuse as for a 1:1 chat; the rest go on.
      return route === 'rename' || route === 'participants' ? groupOnlyError('The line has already left this group.') : undefined;
  }
}

/**
 * What a route that is no group operation (typing, mark-read, follow-up, history, react, edit)
 * answers for a group the line left: nothing different by default (not-a-group-1006), the
 * reading's answer otherwise.
 */
export function leftGroupRefusal(state: MockState, record: ChatRecord, route: Exclude<LifeRoute, 'rename' | 'participants' | 'leave'>): ApiError | undefined {
  return record.life.left && !state.readings.is('group-ops-after-leave', 'not-a-group-1006') ? afterLeave(state, record, route) : undefined;
}

/** A group the line is still in (or left, as afterLeave answers), or 400 / 1006. `directAllowed`: the fault that skips the check. */
export function groupOnly(state: MockState, record: ChatRecord, route: 'rename' | 'participants' | 'leave', directAllowed: boolean): ApiError | undefined {
  if (!record.chat.is_group && !directAllowed) return groupOnlyError('This operation applies only to group chats.');
  return afterLeave(state, record, route);
}

/**
 * The group's size as the mock counts it: the members, plus the tenant's line unless
 * group-floor-line-counts=line-not-counted. The suite judges only cases where both readings agree.
 */
export const groupSize = (state: MockState, record: ChatRecord): number =>
  record.life.participants.length + (record.life.left || state.readings.is('group-floor-line-counts', 'line-not-counted') ? 0 : 1);

export const belowFloor = (): ApiError => apiError(1002, `A group needs at least ${MIN_GROUP_SIZE} participants.`);

/** The roster a participant route answers: the members, with or without the line (roster-lists-line). */
export function rosterOf(state: MockState, record: ChatRecord): string[] {
  const { life } = record;
  // The line left: it is no member under any reading.
  if (life.left) return life.participants.slice();
  switch (state.readings.of('roster-lists-line')) {
    case 'listed-as-from':
      return [life.line, ...life.participants];
    case 'listed-as-handle': // the line's own iMessage handle, which is not its `from` number
      return [`line-${life.line.replace(/\D/g, '')}@chert-line.invalid`, ...life.participants];
    default:
      return [...life.participants];
  }
}
