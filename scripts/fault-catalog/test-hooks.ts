// `npm run mutation`'s test hooks (installed by ./playwright.config.ts): every request a test sends
// carries `x-chert-mutation-slot: <project>/<requirement>` (the round and the requirement the test
// proves), so the relay (scripts/mutation-generated/slot-router.ts) sends it to the mock of the
// fault that round gives that requirement (plan.ts, faultSlot); a test with nothing left to prove
// is skipped as it starts (needless.ts); a caught fault's failure keeps its worker.
import type { TestHooks } from '../../tests/fixtures/test-hooks.ts';
import { failureIsTheFinding } from '../mutation-generated/failure-found.ts';
import { SLOT_HEADER } from '../mutation-generated/slot-key.ts';
import { whyNeedless } from './needless.ts';

export const faultCatalogHooks: TestHooks = {
  requestHeaders: (info): Record<string, string> => {
    // req() (tests/fixtures/index.ts) gives every test exactly one, first among its annotations.
    const requirement = info.annotations.find((a) => a.type === 'requirement')?.description;
    return requirement === undefined ? {} : { [SLOT_HEADER]: `${info.project.name}/${requirement}` };
  },
  skipReason: (info) => whyNeedless(info),
  afterTest: failureIsTheFinding,
};
