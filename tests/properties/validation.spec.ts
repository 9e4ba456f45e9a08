// Validation rules that hold wherever the offending item sits: every case here is rejected by
// design, so these run in the safe profile too (their recipients are fictional all the same).
import { req, test } from '../fixtures/index.ts';
import { draftWith, groupMediaDraft, recipientsWithOneInvalid, toBody } from './arbitraries.ts';
import { isAnswer, isChertError, must } from './checks.ts';
import { ANY_4XX, anyOf, rejectedWith, spanning } from '../../src/checks/expected.ts';

/** 4099 at the route page's 501 or the errors catalog's 422 (group-media-first-status). */
const GROUP_MEDIA_FIRST = spanning(rejectedWith([501, 422], 4099), 'group-media-first-status');
/** More than one rich link is a second reason a reading may refuse first (rich-link-count). */
const OR_ONE_LINK = spanning(anyOf(GROUP_MEDIA_FIRST, rejectedWith(400, 1002)), 'group-media-first-status', 'rich-link-count');
import { createCall, readyRequest, runProperty } from './run-property.ts';

test('a group first message with a rich_link part anywhere gets 4099, and one with media is never created', req('CHAT-GROUP-MEDIA-FIRST'), async ({ chert, settings }, testInfo) => {
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: groupMediaDraft,
    // A media part's attachment id names no upload, and a server may refuse it as such before the
    // group rule: with media any 4xx passes; rich links alone must get 4099.
    check: async (draft, send) => {
      const res = await send(createCall(toBody(from, draft)));
      const media = draft.parts.some((p) => p.type === 'media');
      const links = draft.parts.filter((p) => p.type === 'rich_link').length;
      must(media ? isAnswer(res, anyOf(ANY_4XX, GROUP_MEDIA_FIRST)) : isAnswer(res, links > 1 ? OR_ONE_LINK : GROUP_MEDIA_FIRST));
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
