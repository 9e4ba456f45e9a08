// HMAC v1 over the raw bytes (/api/authentication). The rejected-by-design properties send
// requests that would otherwise be accepted, so a server that does not verify visibly accepts them.
import fc from 'fast-check';
import { SIGNATURE_HEADER } from '../../src/domain/hmac.ts';
import type { Call } from '../../src/client/chert-client.ts';
import type { WireRequest } from '../../src/client/transport.ts';
import { req, test } from '../fixtures/index.ts';
import type { CreateBody } from '../fixtures/bodies.ts';
import {
  acceptedDraft,
  bodyChange,
  changeHex,
  flipOneCharacter,
  layout,
  signatureChange,
  skewBeyond,
  skewWithin,
  textWithAscii,
  toBody,
  writeJson,
  type BodyChange,
  type Draft,
  type Layout,
  type SignatureChange,
} from './arbitraries.ts';
import { isAccepted, isChertError, must } from './checks.ts';
import { CREATES_CHATS, createCall, readyRequest, runProperty } from './run-property.ts';

/** Groups stay small here: the properties are about bytes and clocks, not sizes. */
const MAX_GROUP = 5;

/** Every request here is signed, whatever the project's default auth. */
const HMAC = { auth: { mode: 'hmac' } } as const;

const withBody = (bytes: Buffer) => (request: WireRequest): WireRequest => ({ ...request, body: bytes });

/** The call that signs one thing and sends another, and how to say so in a ready request. */
function tampered(body: CreateBody, change: BodyChange): { call: Call; request: string } {
  const compact = JSON.stringify(body);
  if (change.kind === 'flip') {
    const flipped = flipOneCharacter(body, change.at, change.shift);
    if (!flipped) throw new Error('the body has no ASCII letter or digit to flip (arbitrary defect)');
    const sent = JSON.stringify(flipped.body);
    return { call: createCall(compact, { ...HMAC, tamper: withBody(Buffer.from(sent)) }), request: readyRequest(flipped.body, `HMAC v1 signed over the body before one byte changed: ${flipped.where}`) };
  }
  const bytes = Buffer.from(compact);
  const signed = bytes.subarray(0, change.signed % bytes.length);
  const auth = `HMAC v1 signed over only the first ${signed.length} of ${bytes.length} bytes (${JSON.stringify(signed.toString())})`;
  return { call: createCall(signed, { ...HMAC, tamper: withBody(bytes) }), request: readyRequest(body, auth) };
}

function signatureTampered(change: SignatureChange) {
  return (request: WireRequest): WireRequest => {
    const [version, timestamp, hex] = (request.headers[SIGNATURE_HEADER] as string).split(',') as [string, string, string];
    return { ...request, headers: { ...request.headers, [SIGNATURE_HEADER]: `${version},${timestamp},${changeHex(hex, change)}` } };
  };
}

const describeChange = (c: SignatureChange) =>
  c.kind === 'flip' ? `hex digit ${c.at} raised by ${c.shift} (mod 16)` : `hex cut to its first ${c.keep} digits`;

test('any whitespace, key order or escaping, signed as sent, is accepted', req('AUTH-HMAC-RAW-BYTES'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  const from = settings.tenant.from;
  const raw = ([draft, style]: [Draft, Layout]) => writeJson(toBody(from, draft), style);
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: fc.tuple(acceptedDraft(undefined, MAX_GROUP), layout),
    check: async (value, send) => must(isAccepted(await send(createCall(raw(value), HMAC)))),
    describe: (value) => readyRequest(raw(value)),
    buildsOnCreates: true,
  });
});

test('any change to the body after signing gets 401 / 2004', req('AUTH-HMAC-BODY-TAMPERED'), async ({ chert, settings }, testInfo) => {
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: fc.tuple(acceptedDraft(textWithAscii, MAX_GROUP), bodyChange),
    check: async ([draft, change], send) => must(isChertError(await send(tampered(toBody(from, draft), change).call), 401, 2004)),
    describe: ([draft, change]) => tampered(toBody(from, draft), change).request,
  });
});

test('any one-digit change or truncation of the signature hex gets 401', req('AUTH-HMAC-SIGNATURE-TAMPERED'), async ({ chert, settings }, testInfo) => {
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: fc.tuple(acceptedDraft(undefined, MAX_GROUP), signatureChange),
    check: async ([draft, change], send) => must(isChertError(await send(createCall(toBody(from, draft), { ...HMAC, tamper: signatureTampered(change) })), 401)),
    describe: ([draft, change]) => readyRequest(toBody(from, draft), `HMAC v1 signed over the body as sent, then ${describeChange(change)}`),
    runs: 0.5,
  });
});

test('any clock skew within ±290 s is accepted', req('AUTH-HMAC-SKEW-ACCEPTED'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: fc.tuple(acceptedDraft(undefined, MAX_GROUP), skewWithin),
    check: async ([draft, skew], send) => must(isAccepted(await send(createCall(toBody(from, draft), { auth: { mode: 'hmac', skewSeconds: skew } })))),
    describe: ([draft, skew]) => readyRequest(toBody(from, draft), `HMAC v1 signed as sent with timestamp now${skew >= 0 ? '+' : ''}${skew} s`),
    runs: 0.5,
    buildsOnCreates: true,
  });
});

test('any clock skew beyond ±310 s gets 401 / 2013', req('AUTH-HMAC-SKEW-REJECTED'), async ({ chert, settings }, testInfo) => {
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: fc.tuple(acceptedDraft(undefined, MAX_GROUP), skewBeyond),
    check: async ([draft, skew], send) => must(isChertError(await send(createCall(toBody(from, draft), { auth: { mode: 'hmac', skewSeconds: skew } })), 401, 2013)),
    describe: ([draft, skew]) => readyRequest(toBody(from, draft), `HMAC v1 signed as sent with timestamp now${skew >= 0 ? '+' : ''}${skew} s`),
    runs: 0.5,
    buildsOnCreates: true,
  });
});
