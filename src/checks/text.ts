// Text and subjects as the docs leave them (TEXT-NOT-ALTERED): a server may trim and normalise a
// text (text-normalisation), may refuse an empty or blank one (text-empty), one past an unpublished
// length limit (text-length-limit), one a linkifier reads as a URL (text-url-scope), and a subject
// on a 1:1 chat, a blank or a long one (subject-on-direct-chat, subject-blank). Everything else
// must come back unchanged.
import { isBlank, LINKIFIED, storedForms } from '../domain/text.ts';
import { errorCode, received, type Answer } from './answer.ts';
import { anyOf, errorAnswers, type Alternative, type Expected } from './expected.ts';
import { problem, type Problem } from './problem.ts';

/** No text in the docs' examples is longer than this: past it, an unpublished limit may refuse a text (text-length-limit). */
export const DOCUMENTED_TEXT_LENGTH = 32;

const show = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…(${text.length} chars)` : text);

/** The echo is the text as sent, or a form a correct server may store it in (src/domain/text.ts). */
export function textEchoProblem(where: string, sent: string, got: unknown, requirement = 'TEXT-NOT-ALTERED'): Problem | undefined {
  if (typeof got === 'string' && storedForms(sent).has(got)) return undefined;
  return problem(requirement, `${where} changed the text: sent ${show(sent)}, got ${typeof got === 'string' ? show(got) : JSON.stringify(got)}`);
}

/** What a request's texts and subject let a correct server refuse it with, under some reading. */
export type TextsSent = {
  /** The values of the text parts. */
  texts: readonly string[];
  /** The subject, when one is sent. */
  subject?: string;
  /** A 1:1 create (one recipient): a subject may be refused there. */
  direct?: boolean;
};

/** The refusals the readings allow for these texts; empty when every reading accepts them. */
export function textRefusals({ texts, subject, direct }: TextsSent): Alternative[] {
  const found: Alternative[] = [];
  if (texts.some(isBlank)) found.push(...errorAnswers(400, [1001, 1002]));
  if (texts.some((t) => t.length > DOCUMENTED_TEXT_LENGTH)) found.push(...errorAnswers(400, 1009), ...errorAnswers(413));
  if (texts.some((t) => LINKIFIED.test(t))) found.push(...errorAnswers(400, 1005));
  if (subject !== undefined && (direct || isBlank(subject) || subject.length > DOCUMENTED_TEXT_LENGTH)) found.push(...errorAnswers(400, 1002));
  if (subject !== undefined && subject.length > DOCUMENTED_TEXT_LENGTH) found.push(...errorAnswers(400, 1009));
  return found;
}

const CHOICES = ['text-empty', 'text-length-limit', 'text-url-scope', 'subject-on-direct-chat', 'subject-blank'];

/** A 2xx, or a refusal the readings allow for these texts. */
export function acceptedOrTextRefusal(sent: TextsSent): Expected {
  const refusals = textRefusals(sent);
  return refusals.length === 0 ? anyOf({ kind: 'success' }) : { anyOf: [{ kind: 'success' }, ...refusals], choices: CHOICES };
}

/** Was this answer a refusal some reading allows for these texts (so nothing is left to judge)? */
export function isTextRefusal(answer: Pick<Answer, 'status' | 'json'>, sent: TextsSent): boolean {
  const code = errorCode(answer);
  return textRefusals(sent).some((a) => a.kind === 'error' && a.status === answer.status && (a.code === undefined || a.code === code));
}

/** TEXT-NOT-ALTERED: a refusal of valid text is allowed only as a reading allows it. */
export function textRefusalProblem(answer: Answer, sent: TextsSent): Problem | undefined {
  return isTextRefusal(answer, sent) ? undefined : problem('TEXT-NOT-ALTERED', `valid text was refused: ${received(answer)}`);
}
