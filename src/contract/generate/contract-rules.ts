// Rules of the contract a JSON Schema cannot state (chert-contract.md §1, §2), as one predicate:
// would the docs have a correct server deliver this body? Generated bodies meant to be accepted
// must pass it, so a generated "accepted" case never rests on something the docs reject.

type Part = { type?: unknown; value?: unknown };

/** What any server could take for a link in text (1005): a scheme, "www.", or a dotted name. */
const LOOKS_LIKE_URL = /[a-z][a-z0-9+.-]*:\/\/|www\.|[\p{L}\p{N}]\.\p{L}{2}/iu;

const partsOf = (body: unknown): Part[] | undefined => {
  const parts = (body as { message?: { parts?: unknown } } | undefined)?.message?.parts;
  return Array.isArray(parts) ? (parts as Part[]) : undefined;
};

/** Why the docs would refuse this body before delivery, or undefined when they would deliver it. */
export function undeliverable(body: unknown): string | undefined {
  const parts = partsOf(body) ?? [];
  if (parts.some((p, i) => i > 0 && p.type === 'text' && parts[i - 1]?.type === 'text')) return 'consecutive text parts (1008)';
  // An attachment id must name an upload, which the docs do not describe: no generated body holds media.
  if (parts.some((p) => p.type === 'media')) return 'a media part needs an uploaded attachment';
  const to = (body as { to?: unknown } | undefined)?.to;
  const isCreate = Array.isArray(to);
  if (isCreate && to.length > 1 && parts.some((p) => p.type !== 'text')) return "a group's first message is text only (4099)";
  if (isCreate && parts.some((p) => p.type === 'text' && typeof p.value === 'string' && LOOKS_LIKE_URL.test(p.value))) return 'a URL in a first message text (1005)';
  return undefined;
}
