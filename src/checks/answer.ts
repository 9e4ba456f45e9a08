// What every check reads: one answer to one request, as the client recorded it. A structural
// type, so the suite's client, the property client and the mock's own tests all pass theirs.

export type Answer = {
  /** The request's method and path (with its query), so an answer can be judged for its route. */
  method: string;
  path: string;
  status: number;
  /** Header names lowercased. */
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
};

type ErrorBody = { error?: { code?: unknown } };

/** The error code of an error envelope, or undefined. */
export function errorCode(answer: Pick<Answer, 'json'>): number | undefined {
  const code = (answer.json as ErrorBody | undefined)?.error?.code;
  return typeof code === 'number' ? code : undefined;
}

export const isSuccess = (answer: Pick<Answer, 'status'>): boolean => answer.status >= 200 && answer.status < 300;
export const isClientError = (answer: Pick<Answer, 'status'>): boolean => answer.status >= 400 && answer.status < 500;

export function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** One line of what came back: status, error code, start of the body. */
export function received(answer: Pick<Answer, 'status' | 'json' | 'text'>): string {
  const code = errorCode(answer);
  return `HTTP ${answer.status}${code === undefined ? '' : ` with code ${code}`}: ${clip(answer.text)}`;
}
