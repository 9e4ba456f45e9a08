// Preloaded (NODE_OPTIONS=--import) into the Playwright processes of `npm run mutation` only: every
// request a test sends carries `x-chert-mutation-slot: <project>/<requirement>` (the round and the
// requirement the test proves), so the relay (scripts/mutation-generated/slot-router.ts) sends it
// to the mock of the fault that round gives that requirement (plan.ts, faultSlot). The hooks are
// the generated-mutant run's (tag-requests.mjs), which keys a slot by test instead: here the route
// is known from the fault catalog before any test is listed, so the run needs no listing first.
import { tagRequests } from '../mutation-generated/tag-requests.mjs';

tagRequests((info) => {
  // req() (tests/fixtures/index.ts) gives every test exactly one, first among its annotations.
  const requirement = info.annotations.find((a) => a.type === 'requirement')?.description;
  return requirement === undefined ? undefined : `${info.project.name}/${requirement}`;
});
