// Empty tests through the suite's fixtures (the client, the evidence and leak checks): the
// Playwright and fixture cost of a run of CHERT_FLOOR_TESTS tests (npm run bench sets it to the
// suite's count), spread over the workers as the suite's tests are (fullyParallel).
import { test } from '../../tests/fixtures/index.ts';

const count = Number(process.env.CHERT_FLOOR_TESTS ?? 100);
for (let i = 1; i <= count; i++) {
  test(`empty test ${i} of ${count}`, ({ chert }) => {
    void chert; // asked for, so the client fixture is set up and torn down as in a real test
  });
}
