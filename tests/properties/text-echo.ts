// Judging full-domain text (TEXT-NOT-ALTERED): an echo is the text as sent, or, since the docs do
// not say whether a server trims or normalises, its NFC form without surrounding white space;
// nothing else. A rejection is allowed only with the code the docs give for its reason.
import type { ChertResponse } from '../../src/client/chert-client.ts';
import { received, type Problem } from './checks.ts';

/** The forms a correct server may store a text in. */
export function allowedForms(sent: string): string[] {
  return [...new Set([sent, sent.normalize('NFC').trim()])];
}

const show = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…(${text.length} chars)` : text);

export function echoedAsSent(where: string, sent: string, got: unknown): Problem {
  if (typeof got === 'string' && allowedForms(sent).includes(got)) return undefined;
  return `${where} changed the text: sent ${show(sent)}, got ${typeof got === 'string' ? show(got) : JSON.stringify(got)}`;
}

/** Values of several KB may be refused for their length (1009, or 413 from a proxy). */
const LONG = 1_024;

/** Is a rejection of these texts one the docs allow: 1002 for a value blank once trimmed, 1009 for a long one? */
export function allowedRejection(res: ChertResponse, texts: readonly (string | undefined)[]): Problem {
  const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  const values = texts.filter((t): t is string => t !== undefined);
  if (res.status === 400 && code === 1002 && values.some((t) => t.normalize('NFC').trim() === '')) return undefined;
  const long = values.some((t) => Buffer.byteLength(t) > LONG);
  if (long && ((res.status === 400 && code === 1009) || res.status === 413)) return undefined;
  return `valid text was refused: ${received(res)}`;
}
