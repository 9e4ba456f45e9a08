// Other readings of the open choices (specs/open-choices.yaml) that the independent server can take,
// each written from the register's `says` / `answers` text and the docs digest, not from src/mock/.
// Every one is off by default: unset, the server answers as its file headers describe. Each option
// names its register choice; independent-server/other-readings.ts maps them to the register, with a probe each.

export type OtherReadings = {
  // --- authentication ----------------------------------------------------------------------------
  /**
   * signature-replay, reuse-refused: a signature seen before inside its window is 401 / 2004, on the
   * same request (method and path) only, or on any request (a bodyless request signs only `ts.`).
   */
  signatureReuseRefused?: 'same-request' | 'any-request';
  /** skew-boundary, exclusive: a timestamp exactly 300 s off is already stale (401 / 2013). */
  skewExclusive?: boolean;
  /** signature-and-bearer-fallback, fallback: a signature that fails is followed by the bearer token. */
  signatureFallback?: boolean;
  /** bearer-token-letter-case, hex-value: the secret is a hex value, so its other letter case is the same token. */
  bearerHexValue?: boolean;
  /** bearer-header-lenient-parsing: an Authorization header that is not exactly `Bearer <token>` is 400 / 1002 (refused-400), or its last word is the token (first-token). */
  bearerLenient?: 'refused-400' | 'first-token';
  /** bearer-with-other-tenant-header, header-ignored: the token names the tenant, whatever `x-chert-tenant` says. */
  bearerIgnoresTenantHeader?: boolean;
  // --- the create --------------------------------------------------------------------------------
  /** success-status: 201 (created-201: create and follow-up) or 202 (accepted-202: every write is queued); reads stay 200. */
  successStatus?: 201 | 202;
  /** recipients-over-max-status, catalog-400: more than 31 recipients is 400 / 1006, the catalog's status. */
  recipientsOverMaxStatus?: 400;
  /** group-media-first-status, catalog-422: a group's first message with media or a link is 422 / 4099. */
  groupMediaFirstStatus?: 422;
  /** from-unassigned-status, catalog-400: a `from` not assigned to the tenant is 400 / 2006. */
  fromUnassignedStatus?: 400;
  /** from-format-vs-ownership, lookup-first: `from` is looked up among the tenant's lines before any format check. */
  fromLookupFirst?: boolean;
  /** from-in-to, rejected: a line cannot message itself (400 / 1002). */
  fromInTo?: 'rejected';
  /** to-duplicates: the same number twice is sent once (deduplicated, a 1:1 may result) or refused (400 / 1002). */
  toDuplicates?: 'deduplicated' | 'rejected';
  /** to-empty, invalid-1002: `to: []` is an invalid value, not a missing field. */
  emptyTo?: 'invalid-1002';
  /** group-rule-before-part-shape, group-rule-first: any non-text part of a group's first message is 4099, malformed or not. */
  groupRuleFirst?: boolean;
  /** text-empty: an empty or blank text is a missing value (missing-1001), or a text part like any other (accepted). */
  emptyText?: 'missing-1001' | 'accepted';
  /** text-url-scope, broad-every-message: a URL in text (bare domains too) is 400 / 1005 on follow-ups as well. */
  urlsEveryMessage?: boolean;
  /** text-length-limit, limit-1009: a text longer than this is 400 / 1009 (Twilio's SMS bound is 1600). */
  textMaxLength?: number;
  /** text-length-limit, subject-1002: a group subject longer than this is 400 / 1002. */
  subjectMaxLength?: number;
  /** subject-blank: a blank subject is no subject (absent: display_name null) or invalid (rejected: 400 / 1002). */
  subjectBlank?: 'absent' | 'rejected';
  /** subject-on-direct-chat: not read at all on a 1:1 create (ignored-unchecked), or refused there (rejected: 400 / 1002). */
  subjectOnDirectChat?: 'ignored-unchecked' | 'rejected';
  /** rich-link-url-scheme, https-only: a link's url must be https (400 / 1002). */
  richLinkHttpsOnly?: boolean;
  /** rich-link-url-validation, passed-through: url, image_url and icon_url are passed on unparsed (any non-empty string). */
  richLinkUnparsed?: boolean;
  /** rich-link-url-normalised, normalised: the stored and echoed url is its WHATWG serialisation. */
  richLinkNormalised?: boolean;
  /** rich-link-count, one: a second rich link in one message is 400 / 1002. */
  oneRichLink?: boolean;
  /** text-parts-nonadjacent, one-text-part: a message holds one text part (400 / 1008 for a second). */
  oneTextPart?: boolean;
  /** parts-cap, links-excluded: rich links (their own bubbles) do not count toward the 10 parts. */
  partsCapExcludesLinks?: boolean;
  /** parts-cap, status-422: 1006 for too many parts at the route page's 1006 status, 422. */
  partsCapStatus?: 422;
  /** body-size-limit, smaller-limit: a body past maxBodyBytes is refused in the envelope, 400 / 1002, not a proxy's 413. */
  bodyTooLarge?: 'envelope-400';
  // --- idempotency -------------------------------------------------------------------------------
  /** idem-key-other-body: a key reused with another body replays the first answer, or runs as a new request. */
  idemKeyOtherBody?: 'original-returned' | 'new-request';
  /** idem-concurrent-duplicate, wait: a duplicate in flight waits for the first and answers as it did (not 409). */
  inFlightDuplicateWaits?: boolean;
  /** idem-key-format, bounded: keys of more than `maxLength` characters are 400 / 1002 (Square's bound is 45). */
  idemKeyMaxLength?: number;
  // --- the routes after creation -------------------------------------------------------------------
  /** history-read-after-write, eventual: a message is listed only this many milliseconds after its send. */
  historyLagMs?: number;
  /** history-order-ties, timestamp-order: timestamps in whole seconds, the history sorted by created_at, then by id. */
  historyByTimestamp?: boolean;
  /** followup-keyless-duplicates, content-dedupe: an identical keyless follow-up to one chat within 2 s answers the first message. */
  followUpDoubleSubmit?: boolean;
  /** roster-lists-line, listed-as-handle: the roster names the line by its Apple ID (an email), not by the `from` number. */
  rosterLineAsHandle?: boolean;
  /** mark-read-in-groups, no-single-recipient: the group refusal as 501 / 4099 "not available" instead of 422 / 1002. */
  groupMarkRead?: '501-4099';
  /** typing-in-groups, direct-only: the group refusal as 422 / 4099 instead of 400 / 1006. */
  groupTyping?: '422-4099';
  /** typing-invalid-state, rejected-other: an invalid or missing state is 422 / 1002. */
  typingStateStatus?: 422;
  /** rename-trim-characters, control-characters-refused: a name holding a control character is 400 / 1002. */
  renameControlRefused?: boolean;
  /** rename-icon-handling, fetched-refused: an icon on a host that serves no image (example.com/org/net) is 502 / 4001. */
  renameIconFetched?: boolean;
  /** participant-address-invalid-code, missing: an address of the wrong type reads as none (400 / 1001). */
  participantWrongTypeMissing?: boolean;
  /** group-ops-after-leave: after the line left, chat routes 404 / 2002 (chat-gone) or line routes 502 / 4001 (downstream-refused); a second leave stays 1006. */
  afterLeave?: 'chat-gone' | 'downstream-refused';
  /** retryable-route-override, route-override: 4001 from the edit route (not editable) is retryable false. */
  editRefusalNotRetryable?: boolean;
};
