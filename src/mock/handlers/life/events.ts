// history-extra-entries=events-listed: tapbacks and group changes are conversation items of their
// own, listed by the history as outbound entries with ids of their own (as iMessage shows "Loved
// “…”" or "named the conversation …"). By default (messages-only) nothing is listed for them.
import { newMessage, timestamp } from '../../resources.ts';
import type { MockState } from '../../state.ts';
import type { ChatRecord } from '../../store.ts';

export function listEvent(state: MockState, record: ChatRecord, text: string): void {
  if (!state.readings.is('history-extra-entries', 'events-listed')) return;
  state.store.send(record, newMessage(record.chat.id, [{ type: 'text', value: text }], timestamp(undefined), undefined));
}

const VERBS: Record<string, string> = { love: 'Loved', like: 'Liked', dislike: 'Disliked', laugh: 'Laughed at', emphasize: 'Emphasized', question: 'Questioned' };

/** How iMessage lists a tapback: `Loved “the text”`. */
export function tapbackText(reaction: string, parts: readonly { type: string; value?: string }[]): string {
  const quoted = parts.find((p) => p.type === 'text')?.value ?? 'an attachment';
  return `${VERBS[reaction] ?? 'Reacted to'} “${quoted}”`;
}
