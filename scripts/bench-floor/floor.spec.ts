// Empty tests through the suite's fixtures (the client, the evidence and leak checks): the
// Playwright and fixture cost of a run of CHERT_FLOOR_TESTS tests (npm run bench sets it to the
// suite's count).
import { test } from '../../tests/fixtures/index.ts';

const count = Number(process.env.CHERT_FLOOR_TESTS ?? 100);
// In ordered groups of 16, as the suite's table-driven tests run: Playwright binds a test's whole
// file again for every group it runs, so 429 single-test groups of one file would cost it far more
// than the suite's 29 files of about 15 tests do.
const GROUP = 16;
for (let from = 1; from <= count; from += GROUP) {
  test.describe(() => {
    test.describe.configure({ mode: 'default' });
    for (let i = from; i < from + GROUP && i <= count; i++) {
      test(`empty test ${i} of ${count}`, ({ chert }) => {
        void chert; // asked for, so the client fixture is set up and torn down as in a real test
      });
    }
  });
}
