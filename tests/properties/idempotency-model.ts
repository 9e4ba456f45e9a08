// A model of idempotent create: the first answer per (tenant, key, body). Each command acts on the
// target and on the model; together they check that one key and body never yield two chats per
// tenant, and that another tenant using the same key gets a chat of its own. What another body
// under a known key gets, the docs leave open (idem-key-other-body): a refusal, the original
// answer, or a request of its own, whose replays then return it.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { ChertResponse } from '../../src/client/chert-client.ts';
import type { CreateBody } from '../fixtures/bodies.ts';
import { acceptedDraft, idempotencyKey, toBody, type Draft } from './arbitraries.ts';
import { createdOf, must, received, type Created } from './checks.ts';
import { AUTH_CODES } from '../../src/checks/expected.ts';
import { boundedKey } from '../../src/domain/idempotency-key.ts';

export type Who = 'A' | 'B';

type First = { chatId: string; messageIds: Set<string>; body: CreateBody };

export type IdemModel = {
  /** Keys tenant A created, in order; replays pick among them. */
  keys: string[];
  /** The first answer per `${tenant} ${key}`. */
  firsts: Map<string, First>;
  /** Answers to another body under a known key that the target took as a request of its own, per `${tenant} ${key} ${body}`. */
  others: Map<string, First>;
};

export type IdemReal = {
  /** Sends a create as tenant A or B. */
  send: (who: Who, body: CreateBody) => Promise<ChertResponse>;
  from: Record<Who, string>;
  /** Unique per model run, so keys never meet keys of an earlier run on a shared target. */
  unique: string;
};

type Command = fc.AsyncCommand<IdemModel, IdemReal>;

export const emptyModel = (): IdemModel => ({ keys: [], firsts: new Map(), others: new Map() });

const firstOf = (created: Created, body: CreateBody): First => ({ chatId: created.chat.id, messageIds: new Set([created.message.id]), body });
const pickKey = (m: Readonly<IdemModel>, pick: number) => m.keys[pick % m.keys.length] as string;
const is2xx = (res: ChertResponse) => res.status >= 200 && res.status < 300;
/** A duplicate in flight may be refused, with 409 or another status the docs leave open (idem-concurrent-duplicate), never as an auth failure. */
const isInFlightRefusal = (res: ChertResponse) => {
  const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return res.status >= 400 && res.status < 500 && res.status !== 401 && !AUTH_CODES.includes(typeof code === 'number' ? code : 0);
};

/** The body with its first (text) part edited: another body under the same key. */
function edited(body: CreateBody): CreateBody {
  const [first, ...rest] = body.message.parts as [{ type: 'text'; value: string }, ...CreateBody['message']['parts']];
  return { ...body, message: { ...body.message, parts: [{ ...first, value: `${first.value} (edited)` }, ...rest] } };
}

/** A new key: its answer becomes the model's first answer for it. */
class Create implements Command {
  constructor(readonly style: string, readonly draft: Draft) {}
  check = () => true;
  async run(m: IdemModel, r: IdemReal): Promise<void> {
    // The style shortened where needed, so the key stays within every reading's bound (idem-key-format).
    const key = boundedKey(this.style, `-${r.unique}-${m.keys.length}`);
    const body = toBody(r.from.A, this.draft, key);
    const created = createdOf(await r.send('A', body));
    m.keys.push(key);
    m.firsts.set(`A ${key}`, firstOf(created, body));
  }
  toString = () => `create(${this.draft.to.length} to)`;
}

/** The same key and body again: the original chat.id and message.id. */
class Replay implements Command {
  constructor(readonly who: Who, readonly pick: number) {}
  private keys = (m: Readonly<IdemModel>) => m.keys.filter((k) => m.firsts.has(`${this.who} ${k}`));
  check = (m: Readonly<IdemModel>) => this.keys(m).length > 0;
  async run(m: IdemModel, r: IdemReal): Promise<void> {
    const keys = this.keys(m);
    const key = keys[this.pick % keys.length] as string;
    const first = m.firsts.get(`${this.who} ${key}`) as First;
    const created = createdOf(await r.send(this.who, first.body));
    must(
      created.chat.id === first.chatId ? undefined : `tenant ${this.who}'s replay of key ${key} returned chat ${created.chat.id}, not ${first.chatId} of the first answer`,
      first.messageIds.has(created.message.id) ? undefined : `tenant ${this.who}'s replay of key ${key} returned message ${created.message.id}, not ${[...first.messageIds].join(' or ')} of the first answer`,
    );
  }
  toString = () => `replay(${this.who}, #${this.pick})`;
}

/**
 * The same key with another body: a 4xx, the original chat, or (a server that dedupes on key and
 * body together) a request of its own, the same on every replay of that body. Whichever, the
 * original body's replays still return the original chat (checked by Replay).
 */
class ReplayOtherBody implements Command {
  constructor(readonly pick: number, readonly draft: Draft) {}
  check = (m: Readonly<IdemModel>) => m.keys.length > 0;
  async run(m: IdemModel, r: IdemReal): Promise<void> {
    const key = pickKey(m, this.pick);
    const first = m.firsts.get(`A ${key}`) as First;
    let body = toBody(r.from.A, this.draft, key);
    if (isDeepStrictEqual(body, first.body)) body = edited(body);
    const res = await r.send('A', body);
    if (res.status >= 400 && res.status < 500) return;
    must(is2xx(res) ? undefined : `key ${key} with another body got ${received(res)}; expected a 4xx or a 2xx`);
    const created = createdOf(res);
    if (created.chat.id === first.chatId) return;
    const other = `A ${key} ${JSON.stringify(body)}`;
    const earlier = m.others.get(other);
    if (earlier) must(created.chat.id === earlier.chatId ? undefined : `key ${key} with the same other body returned chat ${created.chat.id}, then ${earlier.chatId}`);
    else m.others.set(other, firstOf(created, body));
  }
  toString = () => `replayOtherBody(#${this.pick})`;
}

/** N identical requests at once on a new key: a 2xx or an in-flight refusal each, one chat among the 2xx. */
class Burst implements Command {
  constructor(readonly style: string, readonly draft: Draft, readonly size: number) {}
  check = () => true;
  async run(m: IdemModel, r: IdemReal): Promise<void> {
    const key = boundedKey(this.style, `-${r.unique}-${m.keys.length}`);
    const body = toBody(r.from.A, this.draft, key);
    const answers = await Promise.all(Array.from({ length: this.size }, () => r.send('A', body)));
    const odd = answers.find((res) => !is2xx(res) && !isInFlightRefusal(res));
    must(odd && `one of ${this.size} concurrent requests with key ${key} got ${received(odd)}; expected a 2xx or a refusal of the duplicate in flight`);
    const created = answers.filter(is2xx).map(createdOf);
    const chats = [...new Set(created.map((c) => c.chat.id))];
    must(
      created.length === 0 ? `all ${this.size} concurrent requests with key ${key} were refused: none created the chat` : undefined,
      chats.length > 1 ? `${this.size} concurrent requests with key ${key} created ${chats.length} chats: ${chats.join(', ')}` : undefined,
    );
    m.keys.push(key);
    m.firsts.set(`A ${key}`, { chatId: chats[0] as string, messageIds: new Set(created.map((c) => c.message.id)), body });
  }
  toString = () => `burst(${this.size})`;
}

/** Tenant B sends tenant A's key and body (its own `from`): B's own chat, the same on every replay. */
class CrossTenant implements Command {
  constructor(readonly pick: number) {}
  check = (m: Readonly<IdemModel>) => m.keys.length > 0;
  async run(m: IdemModel, r: IdemReal): Promise<void> {
    const key = pickKey(m, this.pick);
    const ofA = m.firsts.get(`A ${key}`) as First;
    const body = { ...ofA.body, from: r.from.B };
    const res = await r.send('B', body);
    must(is2xx(res) ? undefined : `tenant B's create with key ${key}, which tenant A used, got ${received(res)}; expected its own new chat`);
    const created = createdOf(res);
    must(created.chat.id === ofA.chatId ? `tenant B's create with tenant A's key ${key} returned tenant A's chat ${ofA.chatId}` : undefined);
    const ofB = m.firsts.get(`B ${key}`);
    if (ofB) must(created.chat.id === ofB.chatId ? undefined : `tenant B's second create with key ${key} returned chat ${created.chat.id}, not its first ${ofB.chatId}`);
    else m.firsts.set(`B ${key}`, firstOf(created, body));
  }
  toString = () => `crossTenant(#${this.pick})`;
}

/** Small chats: idempotency is about keys, not sizes. */
const smallDraft = acceptedDraft(undefined, 4);

/** Commands for one tenant: create, replay, replay with another body, concurrent burst. */
export const oneTenantCommands = [
  fc.tuple(idempotencyKey, smallDraft).map(([k, d]) => new Create(k, d)),
  fc.nat().map((pick) => new Replay('A', pick)),
  fc.tuple(fc.nat(), smallDraft).map(([pick, d]) => new ReplayOtherBody(pick, d)),
  fc.tuple(idempotencyKey, smallDraft, fc.integer({ min: 2, max: 6 })).map(([k, d, n]) => new Burst(k, d, n)),
];

/** Commands across tenants: A creates, B reuses A's keys, either replays. */
export const twoTenantCommands = [
  fc.tuple(idempotencyKey, smallDraft).map(([k, d]) => new Create(k, d)),
  fc.nat().map((pick) => new CrossTenant(pick)),
  fc.tuple(fc.constantFrom<Who>('A', 'B'), fc.nat()).map(([who, pick]) => new Replay(who, pick)),
];
