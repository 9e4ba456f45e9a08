// The body as JSON. JSON.parse keeps `__proto__` as a plain own key and never recurses on the
// stack, so hostile bodies (deep nesting, odd keys) cannot crash the mock here.
import { apiError, failed, ok, type Result } from '../errors.ts';
import type { FaultName } from '../faults.ts';

export function parseJson(raw: Buffer, fault: FaultName | undefined): Result<unknown> {
  const text = raw.toString('utf8');
  // invalid-json-500: the parse error escapes to the server's catch-all, which answers 500.
  if (fault === 'invalid-json-500') return ok(JSON.parse(text));
  try {
    return ok(JSON.parse(text));
  } catch {
    return failed(apiError(1004, text.length === 0 ? 'The body is empty; send a JSON object.' : 'The body is not valid JSON.'));
  }
}
