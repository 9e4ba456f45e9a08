// Which numbers the suite may ever address. Fictional ranges reach nobody:
// North America +1 NXX 555 0100-0199 and the UK drama range +44 7700 900000-900999.

export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

const FICTIONAL_NORTH_AMERICA = /^1[2-9]\d{2}5550(1\d{2})$/;
const FICTIONAL_UK = /^447700900\d{3}$/;

export function isFictional(e164: string): boolean {
  const digits = e164.replace(/^\+/, '');
  return /^\+/.test(e164) && (FICTIONAL_NORTH_AMERICA.test(digits) || FICTIONAL_UK.test(digits));
}

/** A fictional North American number: area code `npa` (200-999), line 0100 + `line` (0-99). */
export function fictionalNorthAmerican(npa: number, line: number): string {
  if (npa < 200 || npa > 999 || line < 0 || line > 99) throw new RangeError(`no fictional number for ${npa}/${line}`);
  return `+1${npa}5550${String(100 + line)}`;
}

/** A fictional UK mobile: +44 7700 900000 + n (0-999). */
export function fictionalUk(n: number): string {
  if (n < 0 || n > 999) throw new RangeError(`no fictional UK number ${n}`);
  return `+447700900${String(n).padStart(3, '0')}`;
}

/** `count` distinct fictional recipients, North American first, then UK. */
export function fictionalRecipients(count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i + offset;
    return k < 100 ? fictionalNorthAmerican(415, k) : fictionalUk(k - 100);
  });
}

/**
 * Could a lenient server turn this string into a real, reachable number? Servers may strip
 * spaces, dashes, letters or a missing plus, so the check runs on the digits alone: a string is
 * harmless when it has no digits, starts with 0 (no country code 0 exists), or its digits are a
 * fictional number, a prefix of one (too short to route), or one followed by more digits.
 */
export function couldReachSomeone(value: string, allowlist: readonly string[]): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits === '' || digits.startsWith('0')) return false;
  if (allowlist.some((allowed) => allowed.replace(/\D/g, '') === digits)) return false;
  const fictionalPrefix = digits.slice(0, digits.startsWith('1') ? 11 : 12);
  if (fictionalPrefix.length >= 11 && isFictional(`+${fictionalPrefix}`)) return false;
  return !isPrefixOfFictional(digits);
}

const NORTH_AMERICA_TEMPLATE = ['1', '[2-9]', '\\d', '\\d', '5', '5', '5', '0', '1', '\\d', '\\d'];
const UK_STEM = '447700900';

/** True for a digit string shorter than a fictional number that could still grow into one. */
function isPrefixOfFictional(digits: string): boolean {
  if (digits.startsWith('1')) {
    return digits.length < 11 && new RegExp(`^${NORTH_AMERICA_TEMPLATE.slice(0, digits.length).join('')}$`).test(digits);
  }
  return digits.length < 12 && (UK_STEM.startsWith(digits) || digits.startsWith(UK_STEM));
}
