// Which cells of a requirement's domain a test checks, from what the test declares (its static
// annotations, as `playwright test --list` shows them): pure, so the coverage gate and its unit
// test share it.
import { cellKey, type AuthContext, type Domain } from './domain.ts';

/**
 * A test as listed: its requirement, and the contexts it declares. `operation` annotations name
 * operations (`*`: every one); `auth` annotations the auth modes its requests use (none: the
 * project's, HMAC); `context` annotations whole cells (`createChat bearer to[last]`).
 */
export type ListedTest = { title: string; requirements: string[]; operations: string[]; auth: string[]; contexts: string[] };

/** The project's auth mode (playwright.config.ts): every test runs signed unless it says otherwise. */
const PROJECT_AUTH: AuthContext = 'hmac';

/** The cell keys these tests check within the domain. */
export function cellsCovered(domain: Domain, tests: readonly ListedTest[], allOperations: readonly string[]): Set<string> {
  const covered = new Set<string>();
  for (const t of tests) {
    for (const key of t.contexts) covered.add(key);
    if (domain.lists.length > 0) continue; // a rule about a list is checked per position only by a test naming its cells
    const named = t.operations.flatMap((o) => (o === '*' ? allOperations : [o.split(': ')[0] ?? '']));
    // A test of a one-operation rule is about that operation, whether or not it says so.
    const operations = named.length > 0 ? named : domain.operations.length === 1 ? domain.operations : [];
    // A rule about one auth mode is checked in that mode by any of its tests (the auth rules send their own credentials).
    const auth = t.auth.length > 0 ? t.auth : domain.auth.length === 1 ? domain.auth : [PROJECT_AUTH];
    for (const operation of operations) for (const mode of auth) covered.add(cellKey({ operation, auth: mode as AuthContext }));
  }
  return covered;
}
