// How long an idempotency key the suite sends may be. The docs give keys no format, length or
// charset (idem-key-format, specs/open-choices.yaml), so a correct server may bound them; the
// suite keeps every key it expects a server to take within the tightest bound of the APIs it
// knows: Square's 45 characters (Stripe takes 255, Adyen 64), of [a-z0-9-] only. A UUID is 36.
export const SUITE_KEY_MAX_LENGTH = 45;

/** A key of at most SUITE_KEY_MAX_LENGTH characters: `style` shortened so that `unique` stays whole. */
export function boundedKey(style: string, unique: string): string {
  return `${style.slice(0, Math.max(0, SUITE_KEY_MAX_LENGTH - unique.length))}${unique}`.slice(0, SUITE_KEY_MAX_LENGTH);
}
