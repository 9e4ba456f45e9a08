// Every accepted create answers in the documented shape and echoes what it was sent.
import { EACH_AUTH, eachAuthMode, req, test } from '../fixtures/index.ts';
import { acceptedDraft, toBody } from './arbitraries.ts';
import { createdOf, echoProblem, matchesCreateSchema, must } from './checks.ts';
import { CREATES_CHATS, createCall, defaultAuth, readyRequest, runProperty } from './run-property.ts';

test('every accepted create returns a body that validates against the spec', req('CHAT-RESPONSE-SCHEMA'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: acceptedDraft(),
    check: async (draft, send) => {
      const res = await send(createCall(toBody(from, draft)));
      createdOf(res);
      must(matchesCreateSchema(res));
    },
    describe: (draft) => readyRequest(toBody(from, draft)),
    runs: 0.5,
  });
});

test('every accepted create echoes its text parts in order and nothing it did not send', req('CHAT-MESSAGE-PARTS-ECHO', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => eachAuthMode(signed, async (chert) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  const from = settings.tenant.from;
  await runProperty({ testInfo, settings, chert }, {
    arbitrary: acceptedDraft(),
    check: async (draft, send) => must(echoProblem(draft.parts, createdOf(await send(createCall(toBody(from, draft)))).message?.parts)),
    describe: (draft) => readyRequest(toBody(from, draft), defaultAuth(chert)),
  });
}));
