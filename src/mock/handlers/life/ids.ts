// id-echo-form: the group and message routes answer with the id in the form the create returned
// (same-form, the default), or in a canonical form of their own, `ch_…` and `msg_…`, as their
// pages' examples show (canonical-form). A server that echoes that form takes it in a path too.
import type { MockState } from '../../state.ts';

const CHAT_PREFIX = 'ch_';
const MESSAGE_PREFIX = 'msg_';

/** The chat id as the group routes echo it. */
export const echoedChatId = (state: MockState, id: string): string => (state.readings.is('id-echo-form', 'canonical-form') ? `${CHAT_PREFIX}${id}` : id);

/** The message id as the react and edit routes echo it. */
export const echoedMessageId = (state: MockState, id: string): string => (state.readings.is('id-echo-form', 'canonical-form') ? `${MESSAGE_PREFIX}${id}` : id);

/** A chat id from a path, in either form. */
export const chatIdFrom = (state: MockState, raw: string): string =>
  (state.readings.is('id-echo-form', 'canonical-form') && raw.startsWith(CHAT_PREFIX) ? raw.slice(CHAT_PREFIX.length) : raw);

/** A message id from a path, in either form. */
export const fromCanonicalId = (state: MockState, raw: string): string =>
  (state.readings.is('id-echo-form', 'canonical-form') && raw.startsWith(MESSAGE_PREFIX) ? raw.slice(MESSAGE_PREFIX.length) : raw);
