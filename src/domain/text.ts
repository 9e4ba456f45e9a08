// Text as the docs leave it open (specs/open-choices.yaml): how a server may trim and normalise it
// (text-normalisation), what reads as empty (text-empty) and what a linkifier turns into a link
// (text-url-scope). One definition, for the mock that takes each reading and the checks that
// accept every one.

/** A scheme (http:// or https://) or a www. host: a URL in text under every reading. */
export const URL_IN_TEXT = /\bhttps?:\/\/\S|\bwww\.\S/i;

/** What a broad linkifier turns into a link too: a bare domain (a dot between a letter or digit and two letters or more). */
export const LINKIFIED = /\bhttps?:\/\/\S|\bwww\.\S|[\p{L}\p{N}-]\.\p{L}{2,}/iu;

// What Python's str.strip() removes at either end: white space, the information separators and
// NEL. It keeps U+FEFF, which JavaScript's trim() removes. (Control characters on purpose.)
/* eslint-disable no-control-regex */
const PYTHON_EDGES = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu;
const PYTHON_KEEPS = /\ufeff/u;

/** The text trimmed as Python's str.strip() trims it. */
export function pythonStrip(text: string): string {
  // JavaScript's \s holds U+FEFF, which Python keeps: strip around it, never through it.
  if (!PYTHON_KEEPS.test(text)) return text.replace(PYTHON_EDGES, '');
  const start = text.search(/[^\s\x1c-\x1f\x85]|\ufeff/u);
  if (start < 0) return '';
  let end = text.length;
  while (end > start && /[\s\x1c-\x1f\x85]/u.test(text[end - 1] as string) && text[end - 1] !== '\ufeff') end--;
  return text.slice(start, end);
}
/* eslint-enable no-control-regex */

/** Has the text no visible character (white space and format characters such as U+200B only)? */
export const isBlank = (text: string): boolean => text.replace(/[\s\p{Cf}]/gu, '') === '';

/**
 * Every form in which a correct server may store and echo a text: as sent, in NFC, with CRLF read
 * as LF, trimmed as JavaScript or Python trims (and any mix of these).
 */
export function storedForms(sent: string): Set<string> {
  const forms = new Set<string>();
  for (const composed of [sent, sent.normalize('NFC')]) {
    for (const lines of [composed, composed.replaceAll('\r\n', '\n')]) {
      for (const trimmed of [lines, lines.trim(), pythonStrip(lines)]) forms.add(trimmed);
    }
  }
  return forms;
}
