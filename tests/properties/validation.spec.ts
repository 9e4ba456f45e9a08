// Validation rules that hold wherever the offending item sits: every case here is rejected by
// design, so these run in the safe profile too (their recipients are fictional all the same).
import { req, test } from '../fixtures/index.ts';
import { draftWith, groupMediaDraft, recipientsWithOneInvalid, toBody } from './arbitraries.ts';
import { isChertError, isRejected, must } from './checks.ts';
import { createCall, readyRequest, runProperty } from './run-property.ts';

test('a group first message with a rich_link part anywhere gets 501 / 4099, and one with media is never created', req('CHAT-GROUP-MEDIA-FIRST'), async ({ chert, settings }, testInfo) => {
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: groupMediaDraft,
    // A media part's attachment id names no upload, and a server may refuse it as such before the
    // group rule: with media, 501 / 4099 or any 4xx passes; rich links alone must get 501 / 4099.
    check: async (draft, send) => {
      const res = await send(createCall(toBody(from, draft)));
      const media = draft.parts.some((p) => p.type === 'media');
      must(media && res.status !== 501 ? isRejected(res) : isChertError(res, 501, 4099));
    },
    describe: (draft) => readyRequest(toBody(from, draft)),
  });
});

test('a recipient list with one invalid number anywhere gets 400 / 1003', req('PHONE-TO-E164'), async ({ chert, settings }, testInfo) => {
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: draftWith(recipientsWithOneInvalid),
    check: async (draft, send) => must(isChertError(await send(createCall(toBody(from, draft))), 400, 1003)),
    describe: (draft) => readyRequest(toBody(from, draft)),
  });
});
