// Protocol-edge checks for every operation, as data: what a client may send beyond an operation's
// documented shape. EDGE-ROUTE: the methods its path does not document, an unknown path under it,
// a query string, malformed and over-long path parameters. EDGE-FRAMING: a body sent chunked
// (small, and past a size limit), untyped or oddly typed, a JSON scalar as the body, an oversized
// header, duplicated credentials. EDGE-METHOD-REFUSED: an undocumented write method is refused.
// Pure: operations in, cases out; tests/generated/edges.spec.ts only loops over them, and judges
// each answer with edgeProblems (below). The docs are silent on nearly all of this, so each case
// expects the set of answers every reading allows (specs/requirements.yaml, the EDGE-* notes).
import { envelopeProblems, traceIdProblems } from '../../checks/envelope.ts';
import type { Operation, ResourceKind } from '../operations.ts';

/** One documented answer: an HTTP status and, when the docs name one, the error code. */
export type Answer = { status: number; code?: number };
/** What came back, as the judge reads it: status, lowercased headers, parsed body. */
export type Reply = { status: number; headers: Record<string, string>; json: unknown };

export const EDGE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type EdgeMethod = (typeof EDGE_METHODS)[number];
/** Methods that change nothing (RFC 9110 safe methods): the only ones the safe profile sends off the documented routes. */
export const READ_METHODS: readonly EdgeMethod[] = ['GET', 'HEAD', 'OPTIONS'];

export type EdgeRequirement = 'EDGE-ROUTE' | 'EDGE-METHOD-REFUSED' | 'EDGE-FRAMING';
export type Profile = 'full' | 'safe';

/** Which ids fill the path: made up (no server holds them) or the run's own (created in the full profile). */
export type Ids = 'fabricated' | 'own';

export type EdgeBody =
  | { kind: 'none' }
  /** The operation's example body, bound to the run; `without` drops a required field, so every reading rejects it. */
  | { kind: 'example'; without?: string }
  /** The example body as form fields (`a=1&b=...`, objects as JSON). */
  | { kind: 'form' }
  /** These exact bytes. */
  | { kind: 'raw'; text: string };

export type EdgeHeader = 'oversized' | 'duplicate-authorization' | 'duplicate-signature' | 'duplicate-tenant';

export type EdgeRequest = {
  method: EdgeMethod;
  /** A path template of the spec (`/api/v1/chats/{id}/messages`), or a path of no operation. */
  path: string;
  ids: Ids;
  /** One path parameter holding a value no id has: a malformed %-escape, or thousands of characters. */
  param?: { name: string; value: 'malformed-escape' | 'over-long' };
  /** Appended to the filled path: an unknown path below a documented one. */
  suffix?: string;
  /** The query string, without `?`. */
  query?: string;
  /** Signed (HMAC v1, the documented recommendation), a bearer token, or no credentials. */
  auth: 'signed' | 'bearer' | 'none';
  body: EdgeBody;
  /** Bytes of padding in an extra body field, taking the body past the size limit. */
  padding?: number;
  /** Sent with Transfer-Encoding: chunked, no Content-Length. */
  chunked?: boolean;
  /** The Content-Type header; null sends none; undefined sends application/json with a body. */
  contentType?: string | null;
  header?: EdgeHeader;
};

export type EdgeStatuses =
  /** Any answer but a 5xx: where a correct server may serve something the docs do not list. */
  | { kind: 'non-5xx' }
  /** A refusal: nothing can match (no route, no resource). */
  | { kind: '4xx'; except?: number[] }
  /** One of these (a code left out means any code of that status); with `accepted`, a 2xx too. */
  | { kind: 'answers'; answers: Answer[]; accepted?: boolean };

export type EdgeExpected = {
  statuses: EdgeStatuses;
  /**
   * How an error answer is judged: as the API's (the documented envelope and X-Trace-ID), only
   * when it is JSON (OPTIONS, which a CORS layer may answer), or not at all (a path outside the API).
   */
  envelope: 'api' | 'json' | 'none';
  /** Statuses a proxy in front of the API may answer on its own, as plain text without a trace id. */
  proxy: number[];
  /** A HEAD answer: no body; only the status and X-Trace-ID are judged. */
  bodyless?: boolean;
};

export type EdgeCase = {
  /** The operation it belongs to; `*` for paths outside every operation. */
  operation: string;
  /** What is sent, as a title reads it. */
  rule: string;
  requirement: EdgeRequirement;
  request: EdgeRequest;
  expected: EdgeExpected;
  /** The profiles that may send it: never `safe` for a write method off the documented routes or for the run's own ids. */
  profiles: Profile[];
};

/** The pseudo-operation of the paths no operation owns. */
export const NO_OPERATION = '*';
/** A path segment no route has (two segments, so it is never read as an id). */
export const UNKNOWN_SUFFIX = '/chert-conformance/no-such-route';
/** Padding that takes a body past 1 MiB, the limit of common servers and proxies (the docs set none). */
export const PAST_LIMIT_BYTES = 1024 * 1024 + 64 * 1024;
/** Longer than any id, shorter than the 8 KB request line most servers accept. */
export const OVER_LONG_CHARS = 4000;
/** Past Node's and most proxies' 16 KiB header limit. */
export const OVERSIZED_HEADER_BYTES = 20_000;

const BOTH: Profile[] = ['full', 'safe'];
const FULL: Profile[] = ['full'];
const notFoundCode: Record<ResourceKind, number> = { chat: 2002, message: 2003, participant: 2002 };

const methodsOn = (operations: readonly Operation[], path: string) => operations.filter((o) => o.path === path).map((o) => o.method as string);
const firstOnPath = (operations: readonly Operation[], op: Operation) => operations.find((o) => o.path === op.path) === op;
const bodyOperationOn = (operations: readonly Operation[], path: string) => operations.find((o) => o.path === path && o.requestSchema !== undefined);
const hasParams = (op: Operation) => op.pathParameters.length > 0;
const takesBody = (op: Operation) => op.method === 'POST' || op.method === 'PUT';

/** The answer the plain request gets under every reading: 404 for a made-up id, 1001 for a create without a required field. */
function baseAnswers(op: Operation): Answer[] {
  const first = op.pathParameters[0];
  return first ? [{ status: 404, code: notFoundCode[first.resource] }] : [{ status: 400, code: 1001 }];
}

/** The plain request every framing case varies: signed, made-up ids, a body every reading rejects. */
function baseRequest(op: Operation, requiredOf: RequiredOf): EdgeRequest {
  // Without path ids (a create), the example lacks its first required field: 1001 under every reading.
  const body: EdgeBody = op.requestSchema === undefined ? { kind: 'none' } : hasParams(op) ? { kind: 'example' } : { kind: 'example', without: requiredOf(op)[0] };
  return { method: op.method as EdgeMethod, path: op.path, ids: 'fabricated', auth: 'signed', body };
}

/** The required top-level fields of an operation's body (its schema resolved against the spec). */
export type RequiredOf = (op: Operation) => string[];

const api = (statuses: EdgeStatuses, proxy: number[] = []): EdgeExpected => ({ statuses, envelope: 'api', proxy });
const answers = (list: Answer[], accepted = false): EdgeStatuses => ({ kind: 'answers', answers: list, ...(accepted ? { accepted } : {}) });

function methodCases(operations: readonly Operation[], op: Operation): EdgeCase[] {
  const documented = methodsOn(operations, op.path);
  const bodyOp = bodyOperationOn(operations, op.path);
  return EDGE_METHODS.filter((m) => !documented.includes(m)).flatMap((method): EdgeCase[] => {
    const rule = `${method}, which ${op.path} does not document`;
    if (READ_METHODS.includes(method)) {
      const expected: EdgeExpected = { statuses: { kind: 'non-5xx' }, envelope: method === 'OPTIONS' ? 'json' : 'api', proxy: [], ...(method === 'HEAD' ? { bodyless: true } : {}) };
      const request = (ids: Ids): EdgeRequest => ({ method, path: op.path, ids, auth: 'signed', body: { kind: 'none' } });
      // Off the documented routes the safe profile reads only paths that name nothing of the tenant.
      if (!hasParams(op)) return [{ operation: op.operationId, rule, requirement: 'EDGE-ROUTE', request: request('fabricated'), expected, profiles: BOTH }];
      return [
        { operation: op.operationId, rule, requirement: 'EDGE-ROUTE', request: request('own'), expected, profiles: FULL },
        { operation: op.operationId, rule: `${rule} (an id that does not exist)`, requirement: 'EDGE-ROUTE', request: request('fabricated'), expected, profiles: ['safe'] },
      ];
    }
    // A write method the path does not list: only in the full profile, only to the run's own chat.
    const request: EdgeRequest = { method, path: op.path, ids: 'own', auth: 'signed', body: bodyOp ? { kind: 'example' } : { kind: 'none' } };
    return [
      { operation: op.operationId, rule, requirement: 'EDGE-ROUTE', request, expected: api({ kind: 'non-5xx' }), profiles: FULL },
      { operation: op.operationId, rule, requirement: 'EDGE-METHOD-REFUSED', request, expected: api({ kind: '4xx' }), profiles: FULL },
    ];
  });
}

function unknownPathCases(operations: readonly Operation[], op: Operation): EdgeCase[] {
  const rule = `GET ${op.path}${UNKNOWN_SUFFIX}, a path no route has`;
  const request = (ids: Ids): EdgeRequest => ({ method: 'GET', path: op.path, suffix: UNKNOWN_SUFFIX, ids, auth: 'signed', body: { kind: 'none' } });
  const expected = api({ kind: '4xx' });
  if (!hasParams(op)) return [{ operation: op.operationId, rule, requirement: 'EDGE-ROUTE', request: request('fabricated'), expected, profiles: BOTH }];
  // In the full profile, also each write the path documents, with its body, on the run's own chat:
  // a route that matches only the start of a path would serve it.
  const writes = operations.filter((o) => o.path === op.path && !READ_METHODS.includes(o.method as EdgeMethod)).map((o): EdgeCase => ({
    operation: op.operationId,
    rule: `${o.method} ${op.path}${UNKNOWN_SUFFIX}, a path no route has${o.requestSchema === undefined ? '' : `, with ${o.operationId}'s body`}`,
    requirement: 'EDGE-ROUTE',
    request: { method: o.method as EdgeMethod, path: op.path, suffix: UNKNOWN_SUFFIX, ids: 'own', auth: 'signed', body: o.requestSchema === undefined ? { kind: 'none' } : { kind: 'example' } },
    expected,
    profiles: FULL,
  }));
  return [
    { operation: op.operationId, rule, requirement: 'EDGE-ROUTE', request: request('own'), expected, profiles: FULL },
    { operation: op.operationId, rule: `${rule} (an id that does not exist)`, requirement: 'EDGE-ROUTE', request: request('fabricated'), expected, profiles: ['safe'] },
    ...writes,
  ];
}

/** A query the route ignores or refuses, never one that makes it unknown. */
const QUERY_REFUSALS: Answer[] = [{ status: 400 }, { status: 414 }, { status: 422 }];

function queryCases(op: Operation): EdgeCase[] {
  const body: EdgeBody = op.requestSchema === undefined ? { kind: 'none' } : { kind: 'example' };
  const unauthenticated = (query: string, rule: string): EdgeCase => ({
    operation: op.operationId,
    rule,
    requirement: 'EDGE-ROUTE',
    request: { method: op.method as EdgeMethod, path: op.path, ids: 'fabricated', auth: 'none', body, query },
    expected: api(answers([{ status: 401, code: 2012 }, ...QUERY_REFUSALS])),
    profiles: BOTH,
  });
  const cases = [
    unauthenticated('chert-conformance=1&limit=5', 'a query string without credentials'),
    unauthenticated('chert-conformance=%zz', 'a query string holding a malformed %-escape, without credentials'),
  ];
  // A read may be sent signed: its documented answer (the history) or a refusal of the query.
  if (op.method === 'GET') {
    const read = (ids: Ids): EdgeRequest => ({ method: 'GET', path: op.path, ids, auth: 'signed', body: { kind: 'none' }, query: 'chert-conformance=1&cursor=x' });
    cases.push(
      { operation: op.operationId, rule: 'a query string on a signed read', requirement: 'EDGE-ROUTE', request: read('own'), expected: api(answers(QUERY_REFUSALS, true)), profiles: FULL },
      { operation: op.operationId, rule: 'a query string on a signed read of an id that does not exist', requirement: 'EDGE-ROUTE', request: read('fabricated'), expected: api(answers([...baseAnswers(op), ...QUERY_REFUSALS])), profiles: ['safe'] },
    );
  }
  return cases;
}

function paramCases(op: Operation): EdgeCase[] {
  const body: EdgeBody = op.requestSchema === undefined ? { kind: 'none' } : { kind: 'example' };
  // Signed as sent, so never an auth rejection; a proxy may refuse the URL itself (400, 414).
  const expected = api({ kind: '4xx', except: [401] }, [400, 414]);
  return op.pathParameters.flatMap(({ name }) =>
    (['malformed-escape', 'over-long'] as const).flatMap((value) => {
      const rule = value === 'malformed-escape' ? `a malformed %-escape as {${name}}` : `{${name}} ${OVER_LONG_CHARS} characters long`;
      const request = (ids: Ids): EdgeRequest => ({ method: op.method as EdgeMethod, path: op.path, ids, auth: 'signed', body, param: { name, value } });
      // The other ids are the run's own in the full profile: a route that decodes only once it has found its chat is reached.
      return op.pathParameters.length > 1
        ? [
            { operation: op.operationId, rule, requirement: 'EDGE-ROUTE' as const, request: request('own'), expected, profiles: FULL },
            { operation: op.operationId, rule: `${rule} (other ids that do not exist)`, requirement: 'EDGE-ROUTE' as const, request: request('fabricated'), expected, profiles: ['safe' as const] },
          ]
        : [{ operation: op.operationId, rule, requirement: 'EDGE-ROUTE' as const, request: request('fabricated'), expected, profiles: BOTH }];
    }),
  );
}

/** JSON that is no object: every route reads a body as an object. */
const SCALARS: [string, string][] = [
  ['"chert"', 'the JSON string "chert" as the body'],
  ['42', 'the JSON number 42 as the body'],
  ['true', 'the JSON true as the body'],
  ['null', 'the JSON null as the body'],
  ['[]', 'an empty JSON array as the body'],
];

const CONTENT_TYPES: [string | null, string][] = [
  [null, 'no Content-Type'],
  ['text/plain', 'Content-Type text/plain'],
  ['application/x-www-form-urlencoded', 'a form-encoded body'],
  ['application/json; charset=utf-8', 'JSON with a charset'],
];

function framingCases(op: Operation, requiredOf: RequiredOf): EdgeCase[] {
  const base = baseRequest(op, requiredOf);
  const plain = baseAnswers(op);
  const framing = (rule: string, change: Partial<EdgeRequest>, expected: EdgeExpected): EdgeCase => ({
    operation: op.operationId,
    rule,
    requirement: 'EDGE-FRAMING',
    request: { ...base, ...change },
    expected,
    profiles: BOTH,
  });
  const cases: EdgeCase[] = [];
  if (takesBody(op)) {
    cases.push(
      framing('the body sent chunked', { chunked: true }, api(answers([...plain, { status: 400 }, { status: 411 }]), [411])),
      framing(`a chunked body past ${Math.floor(PAST_LIMIT_BYTES / 1024)} KB`, { chunked: true, padding: PAST_LIMIT_BYTES }, api(answers([...plain, { status: 400 }, { status: 411 }, { status: 413 }]), [411, 413])),
    );
  }
  if (takesBody(op) && op.requestSchema !== undefined) {
    for (const [contentType, rule] of CONTENT_TYPES) {
      const body: EdgeBody = contentType === 'application/x-www-form-urlencoded' ? { kind: 'form' } : base.body;
      cases.push(framing(rule, { contentType, body }, api(answers([...plain, { status: 400 }, { status: 415 }]))));
    }
    const wrongType = [1001, 1002, 1004].map((code) => ({ status: 400, code }));
    for (const [text, rule] of SCALARS) {
      cases.push(framing(rule, { body: { kind: 'raw', text } }, api(answers(hasParams(op) ? [...plain, ...wrongType] : wrongType))));
    }
    // The same null on the run's own chat or message, where the body is read: the made-up ids above
    // are refused before it. Taken (a lenient server may read null as an empty update) or refused,
    // never a 5xx but the documented 4099 of a line that is not ready (line-ready-after-create).
    const ownNull = answers([...[400, 404, 409, 413, 415, 422].map((status): Answer => ({ status })), { status: 501, code: 4099 }], true);
    if (hasParams(op)) cases.push({ ...framing('the JSON null as the body, on the run\'s own ids', { body: { kind: 'raw', text: 'null' }, ids: 'own' }, api(ownNull)), profiles: FULL });
  }
  cases.push(
    framing(`a header of ${OVERSIZED_HEADER_BYTES / 1000} KB`, { header: 'oversized' }, api(answers([...plain, { status: 400 }, { status: 431 }]), [400, 431])),
    framing('two Authorization headers, the right token first', { auth: 'bearer', header: 'duplicate-authorization' }, api(answers([...plain, { status: 400 }, { status: 401 }]))),
    framing('two x-chert-signature headers, the right one first', { header: 'duplicate-signature' }, api(answers([...plain, { status: 400 }, { status: 401 }]))),
    framing('two x-chert-tenant headers, the right one first', { header: 'duplicate-tenant' }, api(answers([...plain, { status: 400 }, { status: 401 }, { status: 404, code: 2001 }]))),
  );
  return cases;
}

/** Paths of no operation: one under /api/v1/ (the API's, so a 4xx in the envelope) and one beside it (not the API's). */
function pathsOfNoOperation(): EdgeCase[] {
  const request = (path: string): EdgeRequest => ({ method: 'GET', path, ids: 'fabricated', auth: 'signed', body: { kind: 'none' } });
  return [
    { operation: NO_OPERATION, rule: `GET /api/v1${UNKNOWN_SUFFIX}, a path no route has`, requirement: 'EDGE-ROUTE', request: request(`/api/v1${UNKNOWN_SUFFIX}`), expected: api({ kind: '4xx' }), profiles: BOTH },
    { operation: NO_OPERATION, rule: `GET ${UNKNOWN_SUFFIX}, a path outside /api/v1`, requirement: 'EDGE-ROUTE', request: request(UNKNOWN_SUFFIX), expected: { statuses: { kind: 'non-5xx' }, envelope: 'none', proxy: [] }, profiles: BOTH },
  ];
}

/** Every edge case of every operation, and of the paths no operation owns. */
export function edgeCases(operations: readonly Operation[], requiredOf: RequiredOf): EdgeCase[] {
  return [
    ...operations.flatMap((op) => [
      ...(firstOnPath(operations, op) ? [...methodCases(operations, op), ...unknownPathCases(operations, op)] : []),
      ...queryCases(op),
      ...paramCases(op),
      ...framingCases(op, requiredOf),
    ]),
    ...pathsOfNoOperation(),
  ];
}

/** The cases a profile sends. */
export const casesFor = (cases: readonly EdgeCase[], profile: Profile): EdgeCase[] => cases.filter((c) => c.profiles.includes(profile));

function statusAllowed(statuses: EdgeStatuses, status: number): boolean {
  switch (statuses.kind) {
    case 'non-5xx':
      return status < 500;
    case '4xx':
      return status >= 400 && status < 500 && !(statuses.except ?? []).includes(status);
    case 'answers':
      return (statuses.accepted === true && status >= 200 && status < 300) || statuses.answers.some((a) => a.status === status);
  }
}

function codeAllowed(statuses: EdgeStatuses, status: number, code: unknown): boolean {
  if (statuses.kind !== 'answers') return true;
  const forStatus = statuses.answers.filter((a) => a.status === status);
  return forStatus.length === 0 || forStatus.some((a) => a.code === undefined || a.code === code);
}

/** "a 4xx", "401 / 2012, 400 or 414": how a title or a failure names what may come back. */
export function describeStatuses(statuses: EdgeStatuses): string {
  switch (statuses.kind) {
    case 'non-5xx':
      return 'any answer but a 5xx';
    case '4xx':
      return statuses.except?.length ? `a 4xx other than ${statuses.except.join(', ')}` : 'a 4xx';
    case 'answers':
      return [...statuses.answers.map((a) => (a.code === undefined ? `${a.status}` : `${a.status} / ${a.code}`)), ...(statuses.accepted ? ['a 2xx'] : [])].join(', ').replace(/, ([^,]*)$/, ' or $1');
  }
}

const isJsonObject = (json: unknown) => typeof json === 'object' && json !== null;

/**
 * Every way an answer departs from what the case allows; empty when it conforms. `answer` is what
 * came back (lowercased headers, the body parsed when it is JSON).
 */
export function edgeProblems(expected: EdgeExpected, answer: Reply & { text?: string }): string[] {
  const { status } = answer;
  const problems: string[] = [];
  // A 5xx is the server's failure, but where the case names it (the documented 501 / 4099 of a
  // line not ready for the chat), with its code.
  const named5xx = expected.statuses.kind === 'answers' && expected.statuses.answers.some((a) => a.status === status);
  if (status >= 500 && !named5xx) problems.push(`HTTP ${status}: a 5xx is the server's failure, not an answer to the client`);
  else if (!statusAllowed(expected.statuses, status)) problems.push(`HTTP ${status}, expected ${describeStatuses(expected.statuses)}`);
  const code = (answer.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (problems.length === 0 && !codeAllowed(expected.statuses, status, code)) problems.push(`HTTP ${status} with code ${JSON.stringify(code)}, expected ${describeStatuses(expected.statuses)}`);
  if (status < 400 || status >= 500 || expected.envelope === 'none') return problems;
  const traced = answer.headers['x-trace-id'] !== undefined;
  const fromProxy = expected.proxy.includes(status) && !traced && !isJsonObject(answer.json);
  if (fromProxy) return problems;
  if (expected.bodyless) return traced ? problems : [...problems, 'no X-Trace-ID header'];
  if (expected.envelope === 'json' && !isJsonObject(answer.json)) return problems;
  return [...problems, ...[...envelopeProblems(answer), ...traceIdProblems(answer)].map((p) => p.message)];
}
