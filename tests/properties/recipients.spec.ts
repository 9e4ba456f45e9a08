// Recipient counts: every count from 0 to 45 gets exactly the answer of its class (0 → 1001 or
// 1002: to-empty; 1 → 1:1; 2-31 → a group whose handles are `to`; 32-45 → 1006 at 422 or 400:
// recipients-over-max-status).
import type { ChertResponse } from '../../src/client/chert-client.ts';
import { req, test } from '../fixtures/index.ts';
import { draftWith, recipients, toBody, type Draft } from './arbitraries.ts';
import { createdOf, handlesAre, isAnswer, must } from './checks.ts';
import { rejectedWith, spanning } from '../../src/checks/expected.ts';
import { CREATES_CHATS, createCall, readyRequest, runProperty, type Property } from './run-property.ts';

/** A property over drafts with `to` of the given sizes, judged by `judge`. */
function bySize(from: string, min: number, max: number, judge: (draft: Draft, res: ChertResponse) => void): Property<Draft> {
  return {
    arbitrary: draftWith(recipients(min, max)),
    check: async (draft, send) => judge(draft, await send(createCall(toBody(from, draft)))),
    describe: (draft) => readyRequest(toBody(from, draft)),
  };
}

test('an empty to list always gets 400 / 1001 or 1002', req('CHAT-RECIPIENTS-EMPTY'), async ({ chert, settings }, testInfo) => {
  await runProperty({ testInfo, settings, chert }, {
    ...bySize(settings.tenant.from, 0, 0, (_, res) => must(isAnswer(res, spanning(rejectedWith(400, [1001, 1002]), 'to-empty')))),
    runs: 0.25,
  });
});

test('every single recipient creates a 1:1 chat whose one handle is that recipient', req('CHAT-ONE-TO-ONE'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  await runProperty({ testInfo, settings, chert }, {
    ...bySize(settings.tenant.from, 1, 1, (draft, res) => {
      const created = createdOf(res);
      must(created.chat.is_group === false ? undefined : `is_group is ${String(created.chat.is_group)} for one recipient`, handlesAre(created, draft.to));
    }),
    runs: 0.5,
  });
});

test('every count from 2 to 31 creates a group chat', req('CHAT-GROUP-CREATED'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  await runProperty({ testInfo, settings, chert }, {
    ...bySize(settings.tenant.from, 2, 31, (draft, res) => {
      const created = createdOf(res);
      must(created.chat.is_group === true ? undefined : `is_group is ${String(created.chat.is_group)} for ${draft.to.length} recipients`);
    }),
    runs: 0.5,
  });
});

test('every group of 2 to 31 lists exactly its to numbers, in order, as handles', req('CHAT-GROUP-HANDLES'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  await runProperty({ testInfo, settings, chert }, bySize(settings.tenant.from, 2, 31, (draft, res) => must(handlesAre(createdOf(res), draft.to))));
});

test('every count from 32 to 45 gets 1006 (422 or 400)', req('CHAT-RECIPIENTS-MAX'), async ({ chert, settings }, testInfo) => {
  const tooMany = spanning(rejectedWith([422, 400], 1006), 'recipients-over-max-status');
  await runProperty({ testInfo, settings, chert }, { ...bySize(settings.tenant.from, 32, 45, (_, res) => must(isAnswer(res, tooMany))), runs: 0.5 });
});
