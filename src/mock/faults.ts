// The fault catalog: deliberate, realistic deviations the mock can be started with (one at a time)
// so the conformance suite can prove it catches each. Every fault names the requirement
// (specs/requirements.yaml) it violates; each is implemented as a one-line switch where the
// behaviour deviates, so `grep -n "'<name>'" src/mock` finds it.

export type Fault = {
  name: string;
  /** The id in specs/requirements.yaml this fault violates. */
  requirement: string;
  description: string;
};

export const FAULTS = [
  // --- auth ----------------------------------------------------------------------------------
  { name: 'auth-bearer-accepts-any', requirement: 'AUTH-BEARER-INVALID', description: 'Any bearer token is accepted: the middleware checks that a token is present, not its value.' },
  { name: 'auth-missing-wrong-code', requirement: 'AUTH-MISSING', description: 'A request without credentials gets 401 / 2004 (bad credentials) instead of 2012.' },
  { name: 'auth-hmac-reserialized', requirement: 'AUTH-HMAC-RAW-BYTES', description: 'The signature is verified over JSON.stringify(JSON.parse(body)), not the raw bytes, so a pretty-printed body fails.' },
  { name: 'auth-hmac-ignores-body', requirement: 'AUTH-HMAC-BODY-TAMPERED', description: 'A signature over "<ts>." (the bodyless GET form) is also accepted on a request with a body, so the body is not covered.' },
  { name: 'auth-hmac-prefix-compare', requirement: 'AUTH-HMAC-SIGNATURE-TAMPERED', description: 'Only the first 16 hex characters of the signature are compared, so a truncated or tail-altered signature passes.' },
  { name: 'auth-skew-unchecked', requirement: 'AUTH-HMAC-SKEW-REJECTED', description: 'The signature timestamp is never checked against the clock.' },
  { name: 'auth-skew-future-unchecked', requirement: 'AUTH-HMAC-SKEW-REJECTED', description: 'Only stale timestamps are rejected; a timestamp far in the future is accepted.' },
  { name: 'auth-skew-too-strict', requirement: 'AUTH-HMAC-SKEW-ACCEPTED', description: 'The clock window is 60 s instead of 300 s, so a 240 s old signature is rejected with 2013.' },
  { name: 'auth-skew-wrong-code', requirement: 'AUTH-HMAC-SKEW-REJECTED', description: 'A stale timestamp gets 401 / 2004 (bad signature) instead of 2013.' },
  { name: 'auth-tenant-optional', requirement: 'AUTH-HMAC-TENANT-REQUIRED', description: 'A signature without x-chert-tenant is checked against the first tenant and accepted.' },
  { name: 'auth-malformed-500', requirement: 'AUTH-HMAC-MALFORMED', description: 'A malformed signature header makes the naive parser throw, answered 500 / 3001.' },
  { name: 'auth-tenant-mismatch', requirement: 'AUTH-HMAC-TENANT-MISMATCH', description: "A signature valid under any tenant's secret is accepted, acting as the tenant the header names." },
  { name: 'auth-both-headers-500', requirement: 'AUTH-SIGNATURE-FIRST', description: 'A request carrying both a signature and a bearer token crashes the auth middleware, answered 500 / 3001.' },
  { name: 'auth-hex-decoded-key', requirement: 'AUTH-HMAC-VALID', description: "The HMAC key is the hex-decoded secret instead of the secret's ASCII bytes." },
  { name: 'auth-bearer-needs-tenant', requirement: 'AUTH-BEARER-VALID', description: 'A bearer token is accepted only beside x-chert-tenant, which the docs make optional (401 / 2012 without it).' },
  { name: 'auth-unknown-tenant-500', requirement: 'AUTH-TENANT-UNKNOWN', description: 'A signature naming an unknown tenant is not handled: reading the missing tenant\'s secret throws, answered 500.' },
  { name: 'auth-get-unauthenticated', requirement: 'AUTH-MISSING', description: 'The auth middleware is mounted on write routes only: a history read (GET) without credentials is answered.' },
  { name: 'auth-skew-get-unchecked', requirement: 'AUTH-HMAC-SKEW-REJECTED', description: 'The clock is checked only where a body is verified: a GET signed an hour ago is accepted.' },
  { name: 'secret-in-error', requirement: 'RESP-NO-SECRETS', description: 'A signature mismatch names the signature the server expected in its error message (a debugging aid left on).' },
  { name: 'bearer-token-echoed', requirement: 'RESP-NO-SECRETS', description: 'A rejected bearer token is quoted back in the error message.' },
  { name: 'auth-rejected-records-key', requirement: 'AUTH-REJECTED-SENDS-NOTHING', description: 'Auth is checked after the create ran: a rejected request still creates the chat, sends and records its idempotency key.' },
  // --- recipients ----------------------------------------------------------------------------
  { name: 'create-redirects', requirement: 'CHAT-CREATE-2XX', description: 'A successful create answers 303 See Other to the new chat (POST-redirect-GET) instead of 2xx with the body.' },
  { name: 'direct-handles-include-from', requirement: 'CHAT-ONE-TO-ONE', description: 'A 1:1 chat lists both participants as handles, the sender line first.' },
  { name: 'recipients-max-off-by-one', requirement: 'CHAT-RECIPIENTS-MAX', description: '32 recipients are accepted (the bound is checked with > 32).' },
  { name: 'recipients-max-30', requirement: 'CHAT-GROUP-CREATED', description: '31 recipients are rejected with 422 / 1006 (the bound is checked with >= 31).' },
  { name: 'recipients-empty-wrong-code', requirement: 'CHAT-RECIPIENTS-EMPTY', description: 'An empty `to` gets 400 / 1003 (invalid phone) instead of 1001.' },
  { name: 'group-handles-include-from', requirement: 'CHAT-GROUP-HANDLES', description: "A group's handles start with the `from` line." },
  { name: 'group-handles-sorted', requirement: 'CHAT-GROUP-HANDLES', description: "A group's handles are sorted instead of in `to` order." },
  { name: 'group-two-is-direct', requirement: 'CHAT-GROUP-CREATED', description: 'Two recipients make a chat with is_group false (groups start at 3).' },
  { name: 'group-display-name-null', requirement: 'CHAT-GROUP-DISPLAY-NAME', description: "A group's display_name is null whatever the subject." },
  // --- validation ----------------------------------------------------------------------------
  { name: 'media-first-accepted', requirement: 'CHAT-GROUP-MEDIA-FIRST', description: "A group's first message with media or a rich link is accepted." },
  { name: 'media-first-position-0-only', requirement: 'CHAT-GROUP-MEDIA-FIRST', description: 'Only the first part is checked for media or rich links, so text followed by a rich link creates the group.' },
  { name: 'media-first-retryable', requirement: 'CHAT-GROUP-MEDIA-FIRST', description: '501 / 4099 is marked retryable true.' },
  { name: 'rich-link-rejected-direct', requirement: 'CHAT-ONE-TO-ONE-RICH-LINK', description: 'The group media rule is applied to 1:1 chats too: text + rich_link gets 501 / 4099.' },
  { name: 'missing-parts-wrong-code', requirement: 'CHAT-FIELDS-REQUIRED', description: 'A missing message.parts gets 400 / 1002 instead of 1001.' },
  { name: 'wrong-type-500', requirement: 'CHAT-FIELD-TYPES', description: '`to` sent as a string reaches array code that throws, answered 500 / 3001.' },
  { name: 'unknown-part-accepted', requirement: 'CHAT-FIELD-TYPES', description: 'A part of an unknown type is accepted and echoed.' },
  { name: 'invalid-json-500', requirement: 'CHAT-INVALID-JSON', description: 'A JSON parse error is not caught, answered 500 / 3001.' },
  { name: 'text-url-accepted', requirement: 'CHAT-TEXT-URL', description: 'A URL inside a text part of the first message is accepted.' },
  { name: 'text-url-bearer-unchecked', requirement: 'CHAT-TEXT-URL', description: 'The link check is mounted on the signed path only: a create sent with a bearer token takes a URL inside a text part.' },
  { name: 'consecutive-text-accepted', requirement: 'CHAT-CONSECUTIVE-TEXT', description: 'Two consecutive text parts are accepted.' },
  { name: 'parts-max-unchecked', requirement: 'CHAT-PARTS-MAX', description: 'More than 10 parts are accepted.' },
  { name: 'null-optional-500', requirement: 'CHAT-FIELD-TYPES', description: 'Only undefined counts as absent: null on an optional field (message.subject, idempotency_key) reaches string code that throws, answered 500 / 3001.' },
  { name: 'nested-type-unchecked', requirement: 'CHAT-FIELD-TYPES', description: "A rich link's title and summary are stored without a type check, so a number is accepted and echoed." },
  { name: 'followup-parts-max-unchecked', requirement: 'CHAT-PARTS-MAX', description: 'The 10-part cap is checked on create only: a follow-up with 11 parts is sent.' },
  { name: 'oversized-body-500', requirement: 'CHAT-BAD-INPUT-NO-5XX', description: 'A body over the size limit gets 500 / 3001 instead of 413.' },
  // --- phones --------------------------------------------------------------------------------
  { name: 'phone-no-plus-accepted', requirement: 'PHONE-TO-E164', description: 'A number without the leading + is accepted.' },
  { name: 'phone-16-digits-accepted', requirement: 'PHONE-TO-E164', description: 'Numbers of up to 16 digits are accepted (off by one in the length check).' },
  { name: 'phone-first-recipient-only', requirement: 'PHONE-TO-E164', description: 'Only to[0] is validated; later recipients may be anything.' },
  { name: 'phone-last-recipient-unchecked', requirement: 'PHONE-TO-E164', description: 'The recipient loop stops one short (i < to.length - 1): the last `to` entry is never validated.' },
  { name: 'phone-us-only', requirement: 'PHONE-INTERNATIONAL', description: 'Recipients outside +1 are rejected with 400 / 1003.' },
  { name: 'from-any-line', requirement: 'PHONE-FROM-ASSIGNED', description: 'Any E.164 `from` is accepted, assigned to the tenant or not.' },
  { name: 'from-any-tenant-line', requirement: 'PHONE-FROM-ASSIGNED', description: "`from` is checked against every tenant's lines, so a tenant can send from another tenant's line." },
  { name: 'phone-formatted-stored', requirement: 'PHONE-FORMATTED', description: 'Spaces and dashes are allowed in numbers and stored as written ("+1 415-555-0100").' },
  // --- errors --------------------------------------------------------------------------------
  { name: 'envelope-no-success-flag', requirement: 'ERR-ENVELOPE', description: 'Error bodies omit `success: false`.' },
  { name: 'envelope-status-mismatch', requirement: 'ERR-ENVELOPE', description: 'A 422 carries error.status 400.' },
  { name: 'trace-id-missing-on-success', requirement: 'ERR-TRACE-ID', description: 'Successful responses carry no X-Trace-ID header.' },
  { name: 'trace-id-mismatch', requirement: 'ERR-TRACE-ID', description: "An error's trace_id is generated apart from the X-Trace-ID header, so they differ." },
  { name: 'trace-id-missing-mark-read', requirement: 'ERR-TRACE-ID', description: 'One route, mark-read, answers its successes without the X-Trace-ID header (its handler writes the answer itself).' },
  { name: 'trace-id-mismatch-life-routes', requirement: 'ERR-TRACE-ID', description: "On the routes of a chat's life only (typing … edit), an error's trace_id differs from the X-Trace-ID header." },
  { name: 'retryable-missing', requirement: 'ERR-RETRYABLE', description: '4xx errors omit `retryable`.' },
  { name: 'rate-limit-no-retry-after', requirement: 'ERR-RETRY-AFTER', description: 'Rate limiting at 100 requests/s per tenant (or --rate-limit) answers 429 without a Retry-After header.' },
  // --- idempotency ---------------------------------------------------------------------------
  { name: 'idem-ignored', requirement: 'IDEM-REPLAY-IDENTICAL', description: 'message.idempotency_key is ignored: every replay creates a new chat.' },
  { name: 'idem-new-message-id', requirement: 'IDEM-REPLAY-IDENTICAL', description: 'A replay returns the original chat with a new message id, sent again.' },
  { name: 'idem-race', requirement: 'IDEM-ONE-CHAT-PER-KEY', description: 'The key is checked, the send awaited, then the key stored: concurrent duplicates create separate chats.' },
  { name: 'idem-body-mismatch-new-chat', requirement: 'IDEM-BODY-MISMATCH', description: 'The same key with another body creates a new chat under the key.' },
  { name: 'idem-body-mismatch-replays', requirement: 'IDEM-BODY-MISMATCH', description: 'The same key with another body silently returns the original 201.' },
  { name: 'idem-global-scope', requirement: 'IDEM-TENANT-SCOPED', description: "Keys are shared across tenants: another tenant's key returns the first tenant's chat." },
  { name: 'idem-replay-history-duplicate', requirement: 'IDEM-NO-DUPLICATE-SEND', description: 'A replay returns the original ids but sends the message again (it appears twice in the history).' },
  { name: 'idem-top-level-key', requirement: 'IDEM-REPLAY-IDENTICAL', description: 'The key is read from the top level of the body, so message.idempotency_key is ignored.' },
  // --- response shape ------------------------------------------------------------------------
  { name: 'response-success-wrapper', requirement: 'CHAT-RESPONSE-SCHEMA', description: 'The created chat is wrapped as { success: true, data: { chat, message } }.' },
  { name: 'message-chat-id-mismatch', requirement: 'CHAT-MESSAGE-CHAT-ID', description: "The first message's chat_id is a fresh id, not chat.id." },
  { name: 'timestamp-local', requirement: 'CHAT-TIMESTAMPS', description: 'created_at is local time without a zone designator.' },
  { name: 'chat-id-not-uuid', requirement: 'CHAT-ID-UUID', description: 'chat.id is a sequential number written as a string.' },
  { name: 'parts-first-only', requirement: 'CHAT-MESSAGE-PARTS-ECHO', description: 'The first message echoes only its first part.' },
  { name: 'direction-inbound', requirement: 'CHAT-MESSAGE-OUTBOUND', description: 'The first message is returned with direction "inbound".' },
  // --- follow-up and history -----------------------------------------------------------------
  { name: 'followup-cross-tenant', requirement: 'CHAT-TENANT-ISOLATION', description: "Chats are looked up by id alone, so another tenant's chat can be read and written." },
  { name: 'chat-scope-bearer-any-tenant', requirement: 'CHAT-TENANT-ISOLATION', description: "Under a bearer token chats are looked up by id alone (the signed path scopes them to the tenant): another tenant's token reads and writes the chat." },
  { name: 'followup-unknown-500', requirement: 'CHAT-NOT-FOUND', description: 'An unknown chat id is dereferenced and throws, answered 500 / 3001.' },
  { name: 'followup-top-level-parts-accepted', requirement: 'FOLLOWUP-TOP-LEVEL-PARTS', description: 'A follow-up with top-level `parts` is accepted.' },
  { name: 'followup-group-rich-link-4099', requirement: 'FOLLOWUP-SEND', description: "The create's media-first rule is applied to follow-ups: a group's rich link gets 501 / 4099." },
  { name: 'followup-wrong-chat-id', requirement: 'FOLLOWUP-SEND', description: "A follow-up's chat_id is the chat id without dashes (the storage form)." },
  { name: 'history-tenant-wide', requirement: 'HISTORY-LIST', description: "A chat's history lists the messages of every chat of the tenant (the query forgets the chat id)." },
  { name: 'history-newest-first', requirement: 'HISTORY-LIST', description: 'The history lists messages newest first.' },
  { name: 'history-trims-text', requirement: 'TEXT-NOT-ALTERED', description: "The history's read model strips white space around each text, though the create echoed it as sent." },
  { name: 'text-zero-width-stripped', requirement: 'TEXT-NOT-ALTERED', description: 'Zero-width characters (U+200B-U+200D, U+2060, U+FEFF) are stripped from text before it is sent.' },
  { name: 'text-truncated-4096', requirement: 'TEXT-NOT-ALTERED', description: 'Text is cut at 4096 UTF-16 units without an error (a VARCHAR(4096) column).' },
  { name: 'history-order-by-id', requirement: 'HISTORY-LIST', description: 'The history is ordered by message id (random hex), not by time.' },
  { name: 'history-signed-over-braces', requirement: 'HISTORY-LIST', description: 'A GET is verified over "<ts>.{}" instead of "<ts>.", so a correctly signed GET gets 401 / 2004.' },
  // --- the chat's life after creation (typing, mark-read, rename, participants, leave, react, edit)
  { name: 'typing-state-not-echoed', requirement: 'TYPING-SEND', description: 'The typing answer always says state "typing", even for "stopped".' },
  { name: 'typing-any-state', requirement: 'TYPING-STATE-INVALID', description: 'Typing accepts any `state`, or none, and answers "sent".' },
  { name: 'typing-any-chat', requirement: 'LIFECYCLE-CHAT-NOT-FOUND', description: 'Typing is fire-and-forget: it never looks the chat up, so an unknown chat id answers "sent".' },
  { name: 'mark-read-twice-error', requirement: 'MARK-READ', description: 'Marking a chat read a second time gets 400 / 1002 "already read" instead of the no-op success.' },
  { name: 'rename-not-trimmed', requirement: 'RENAME-GROUP', description: 'display_name is stored as sent, surrounding spaces and all.' },
  { name: 'rename-blank-accepted', requirement: 'RENAME-EMPTY', description: 'A display_name of spaces only is accepted as the new name.' },
  { name: 'rename-direct-accepted', requirement: 'RENAME-DIRECT-CHAT', description: 'A 1:1 chat can be renamed (no 1006).' },
  { name: 'participant-add-roster-stale', requirement: 'PARTICIPANT-ADD', description: 'The add answers the roster as it was before the add.' },
  { name: 'participant-add-duplicates', requirement: 'PARTICIPANT-ADD-TWICE', description: 'Adding a member again appends a second copy to the roster instead of a no-op.' },
  { name: 'participant-add-missing-1002', requirement: 'PARTICIPANT-ADD-MISSING', description: 'An add without `address` gets 400 / 1002 instead of 1001.' },
  { name: 'participant-remove-undecoded', requirement: 'PARTICIPANT-REMOVE', description: 'The address in the path is compared without URL-decoding, so %2B1415… matches no member (1001).' },
  { name: 'participant-remove-twice-ok', requirement: 'PARTICIPANT-REMOVE-TWICE', description: 'Removing an address that is not (or no longer) in the group answers success.' },
  { name: 'participant-floor-ignored', requirement: 'PARTICIPANT-GROUP-FLOOR', description: 'Removals may shrink a group below 3.' },
  { name: 'participant-direct-accepted', requirement: 'PARTICIPANT-DIRECT-CHAT', description: 'Participants can be added to and removed from a 1:1 chat (no 1006).' },
  { name: 'leave-floor-five', requirement: 'LEAVE-GROUP', description: 'Leaving needs 5 other members (checked with > 4), so a group of 4 answers 1002.' },
  { name: 'leave-twice-succeeds', requirement: 'LEAVE-TWICE', description: 'Leaving a group already left succeeds again instead of 1006.' },
  { name: 'leave-floor-ignored', requirement: 'LEAVE-GROUP-FLOOR', description: 'The line may leave a group of 2 members, leaving fewer than 3.' },
  { name: 'leave-direct-accepted', requirement: 'LEAVE-DIRECT-CHAT', description: 'The line can "leave" a 1:1 chat (no 1006).' },
  { name: 'react-repeat-409', requirement: 'REACT-SEND', description: 'A repeated reaction is taken for a duplicate request: 409 instead of a second tapback.' },
  { name: 'react-any-reaction', requirement: 'REACT-INVALID', description: 'Any `reaction` value is accepted and sent.' },
  { name: 'react-cross-tenant', requirement: 'REACT-MESSAGE-NOT-FOUND', description: "Messages are looked up by id alone, so a tenant can react to another tenant's message." },
  { name: 'edit-echoes-old-text', requirement: 'EDIT-OUTBOUND', description: "The edit answer's new_text is the text before the edit." },
  { name: 'edit-empty-accepted', requirement: 'EDIT-EMPTY', description: 'An empty or missing new_text is accepted and blanks the bubble.' },
  { name: 'edit-window-unchecked', requirement: 'EDIT-WINDOW', description: 'Edits are accepted after the 15-minute window.' },
  { name: 'edit-inbound-accepted', requirement: 'EDIT-INBOUND', description: 'An inbound message can be edited.' },
  { name: 'edit-cross-tenant', requirement: 'EDIT-MESSAGE-NOT-FOUND', description: "Messages are looked up by id alone, so a tenant can edit another tenant's message." },
  { name: 'line-4099-uniform-501', requirement: 'LIFECYCLE-4099-STATUS', description: '4099 is 501 on every route, the participant routes included (their pages say 422).' },
  { name: 'line-4099-uniform-422', requirement: 'LIFECYCLE-4099-PAGE-STATUS', description: '4099 is 422 on every route, as in the errors catalog (rename, mark-read, leave and edit pages say 501): the docs allow it, the route pages recommend otherwise.' },
  // --- requests beyond the documented shapes (tests/unit/edge-faults.ts lists these) ----------
  { name: 'unknown-route-500', requirement: 'EDGE-ROUTE', description: 'A path no route has finds no handler, and looking one up throws: 500 / 3001 instead of a 404.' },
  { name: 'path-decode-500', requirement: 'EDGE-ROUTE', description: 'Path ids are %-decoded without a guard, so a malformed escape throws: 500 / 3001.' },
  { name: 'wrong-method-bare-405', requirement: 'EDGE-ROUTE', description: "A method a route does not list is answered by the framework's default: 405 in plain text, without the envelope or X-Trace-ID." },
  { name: 'query-breaks-route', requirement: 'EDGE-ROUTE', description: 'The router is handed the whole URL, query string included: a documented route asked with ?x=1 answers 404.' },
  { name: 'any-method-served', requirement: 'EDGE-METHOD-REFUSED', description: 'Routes match on the path alone: any method on a documented path runs its handler (DELETE …/typing sends a typing indicator).' },
  { name: 'chunked-past-limit-hangs', requirement: 'EDGE-FRAMING', description: 'The body limit is checked against Content-Length only: a chunked body past 1 MiB is read to its end and never answered.' },
  { name: 'content-type-bare-415', requirement: 'EDGE-FRAMING', description: "A body without Content-Type application/json is refused by the framework's default: 415 in plain text, without the envelope or X-Trace-ID." },
] as const satisfies readonly Fault[];

export type FaultName = (typeof FAULTS)[number]['name'];

/** Faults of one auth path: under a bearer token the mock behaves as under the fault named, signed requests as a correct server. */
export const BEARER_PATH_FAULTS: Partial<Record<FaultName, FaultName>> = {
  'text-url-bearer-unchecked': 'text-url-accepted',
  'chat-scope-bearer-any-tenant': 'followup-cross-tenant',
};

export function isFaultName(name: string): name is FaultName {
  return FAULTS.some((fault) => fault.name === name);
}

export function faultByName(name: FaultName): Fault {
  return FAULTS.find((fault) => fault.name === name) as Fault;
}
