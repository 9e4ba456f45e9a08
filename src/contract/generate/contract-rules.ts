// Rules of the contract a JSON Schema cannot state (chert-contract.md §1, §2), as predicates over a
// body: would a correct server deliver it, under every reading of what the docs leave open
// (specs/open-choices.yaml)? Generated bodies meant to be accepted must pass, so a generated
// "accepted" case never rests on something a correct server may refuse.
import { isBlank, LINKIFIED } from '../../domain/text.ts';

type Part = { type?: unknown; value?: unknown };

/** No text in the docs' examples is longer: past it an unpublished limit may refuse (text-length-limit). */
const DOCUMENTED_TEXT_LENGTH = 32;

const partsOf = (body: unknown): Part[] | undefined => {
  const parts = (body as { message?: { parts?: unknown } } | undefined)?.message?.parts;
  return Array.isArray(parts) ? (parts as Part[]) : undefined;
};

const texts = (parts: Part[]) => parts.filter((p) => p.type === 'text').map((p) => p.value);
const recipientsOf = (body: unknown) => (body as { to?: unknown } | undefined)?.to;

/** Why a correct server (under some reading) would refuse this body before delivery, or undefined when every reading delivers it. */
export function undeliverable(body: unknown): string | undefined {
  const parts = partsOf(body) ?? [];
  if (parts.some((p, i) => i > 0 && p.type === 'text' && parts[i - 1]?.type === 'text')) return 'consecutive text parts (1008)';
  if (texts(parts).length > 1) return 'more than one text part (text-parts-nonadjacent: one-text-part)';
  if (parts.filter((p) => p.type === 'rich_link').length > 1) return 'more than one rich link (rich-link-count: one)';
  // An attachment id must name an upload, which the docs do not describe: no generated body holds media.
  if (parts.some((p) => p.type === 'media')) return 'a media part needs an uploaded attachment';
  const values = texts(parts).filter((v): v is string => typeof v === 'string');
  if (values.some(isBlank)) return 'an empty or blank text (text-empty)';
  if (values.some((v) => v.length > DOCUMENTED_TEXT_LENGTH)) return 'a text longer than the docs show (text-length-limit)';
  if (values.some((v) => LINKIFIED.test(v))) return 'text a linkifier reads as a link (1005; text-url-scope)';
  const to = recipientsOf(body);
  const isCreate = Array.isArray(to);
  if (isCreate && to.length > 1 && parts.some((p) => p.type !== 'text')) return "a group's first message is text only (4099)";
  const subject = (body as { message?: { subject?: unknown } } | undefined)?.message?.subject;
  if (isCreate && to.length === 1 && subject !== undefined) return 'a subject on a 1:1 create (subject-on-direct-chat)';
  if (typeof subject === 'string' && (isBlank(subject) || subject.length > DOCUMENTED_TEXT_LENGTH)) return 'a blank or long subject (subject-blank, text-length-limit)';
  return undefined;
}

/**
 * Would a server that applies the group rule before it reads each part's shape answer this body
 * with 4099 (group-rule-before-part-shape)? True for a group create with a part that is not a
 * well-formed text part.
 */
export function groupRuleMayAnswerFirst(body: unknown): boolean {
  const to = recipientsOf(body);
  const parts = (body as { message?: { parts?: unknown } } | undefined)?.message?.parts;
  if (!Array.isArray(to) || to.length < 2 || !Array.isArray(parts)) return false;
  return parts.some((p) => typeof p !== 'object' || p === null || (p as Part).type !== 'text');
}
