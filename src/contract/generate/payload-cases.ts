// Payload checks driven by the request schemas, as data. Every field of every operation's request
// (nested fields, array items and each discriminated part type included) gets: each wrong JSON
// type, null, missing when required, empty when the schema forbids it, values outside its enum,
// const, format or E.164 pattern, and both sides of each documented bound (`x-chert-bounds` names
// the answer the docs give and the rule that accepts the bound itself). A case changes one thing
// in a documented example, so the answer can only be about that one thing.
import { bindBody, optionFor, type Binding } from '../example-body.ts';
import { minimalInstance } from '../example-body.ts';
import type { Operation } from '../operations.ts';
import { deref, typesOf, type Schema } from '../schema-ref.ts';
import type { OpenApiDocument } from '../spec.ts';
import { groupRuleMayAnswerFirst, undeliverable } from './contract-rules.ts';
import { ANY_4XX, anyOf, errorAnswers, mayBeAccepted, spanning, SUCCESS, type Alternative, type Expected } from '../../checks/expected.ts';
import { applyMutation, pathText, PHONE_MISSPELLINGS, type JsonPath, type Mutation } from './mutation.ts';

export type PayloadCase = {
  operation: string;
  /** What is sent, as a title reads it: `message.parts[0].value as a number`. */
  rule: string;
  requirement: string;
  /** Which documented example the change is made to, and the change. */
  request: { example: number; mutation: Mutation };
  expected: Expected;
  /** The docs let a correct server accept it: run only where a send is allowed. */
  mayBeAccepted: boolean;
};

/** A bound's documented answer and the rule that accepts the bound itself (spec: `x-chert-bounds`). */
type BoundDoc = { requirement: string; answers: { status: number; code?: number }[]; accepted?: string };
type Bounds = Partial<Record<'minItems' | 'maxItems' | 'minLength' | 'maxLength', BoundDoc>>;

/** What a case does to its field, so a schema's `x-chert-open` can name the cases an open choice widens. */
type CaseKind = 'wrong-type' | 'in-array' | 'null' | 'missing' | 'empty' | 'outside-const' | 'not-a-url' | 'phone' | 'bound';

type Draft = Omit<PayloadCase, 'operation' | 'request'> & { mutation: Mutation; kind: CaseKind };

/**
 * `x-chert-open` on a schema node: an open choice (specs/open-choices.yaml) under whose readings
 * a correct server answers these cases of the field otherwise, with `adds` too, or a 2xx.
 */
type OpenDoc = { choice: string; cases: CaseKind[]; adds?: { status: number; code?: number }[]; accepted?: boolean };
type Field = { written: Schema; node: Schema; path: JsonPath; required: boolean; insideItem: boolean; value: unknown; missingCode: number[] };

const bad = (...codes: number[]): Alternative[] => errorAnswers(400, codes);
/** These rejections; with `orAccepted`, a 2xx too (a value a server may read as absent). */
const rejected = (answers: readonly Alternative[], orAccepted = false): Expected => anyOf(answers, orAccepted ? SUCCESS : []);
const documented = (doc: BoundDoc): Alternative[] => doc.answers.flatMap((a) => errorAnswers(a.status, a.code));

/** Wrong-type samples. 1 for numbers: a server that coerces it to a phone gets no routable number. */
const SAMPLES: [string, unknown, string][] = [
  ['string', 'conformance', 'a string'],
  ['number', 1, 'a number'],
  ['boolean', true, 'a boolean'],
  ['object', {}, 'an object'],
  ['array', [], 'an array'],
];

const PLACEHOLDERS: Binding = { senderLine: '+15555550100', recipients: Array.from({ length: 100 }, () => '+15555550101'), uniqueKey: () => 'key' };

function isPhone(spec: OpenApiDocument, schema: Schema | undefined): boolean {
  const node = schema && deref(spec, schema);
  if (!node?.pattern) return false;
  const pattern = new RegExp(node.pattern);
  return pattern.test('+14155550123') && !pattern.test('14155550123');
}

const isSenderLine = (f: Field) => f.written['x-chert-sender-line'] === true || f.node['x-chert-sender-line'] === true;
const boundsOf = (f: Field): Bounds => (f.written['x-chert-bounds'] ?? f.node['x-chert-bounds'] ?? {}) as Bounds;
const allowsType = (node: Schema, type: string) => typesOf(node).some((t) => t === type || (t === 'integer' && type === 'number'));

function phoneCases(spec: OpenApiDocument, f: Field): Draft[] {
  if (!isPhone(spec, f.node)) return [];
  const requirement = isSenderLine(f) ? 'PHONE-FROM-E164' : 'PHONE-TO-E164';
  const where = pathText(f.path);
  return [
    ...PHONE_MISSPELLINGS.map((how): Draft => ({ rule: `${where} ${how.replaceAll('-', ' ')}`, requirement, expected: rejected(bad(1003)), mayBeAccepted: false, kind: 'phone', mutation: { action: 'misspell-phone', path: f.path, how } })),
    { rule: `${where} empty`, requirement, expected: rejected(bad(1003)), mayBeAccepted: false, kind: 'phone', mutation: { action: 'set', path: f.path, value: '' } },
  ];
}

function typeCases(spec: OpenApiDocument, f: Field): Draft[] {
  const where = pathText(f.path);
  const phoneish = isPhone(spec, f.node) || isPhone(spec, f.node.items);
  const out: Draft[] = [];
  if (typesOf(f.node).length > 0) {
    for (const [type, value, label] of SAMPLES) {
      if (allowsType(f.node, type)) continue;
      // A number or list where a phone goes may be read as a bad phone (1003) as well.
      out.push({ rule: `${where} as ${label}`, requirement: 'CHAT-FIELD-TYPES', expected: rejected(bad(1002, ...(phoneish ? [1003] : []))), mayBeAccepted: false, kind: 'wrong-type', mutation: { action: 'set', path: f.path, value } });
    }
  }
  if (typesOf(f.node).length > 0 && !allowsType(f.node, 'array')) {
    // The valid value in a one-item array: a server that reads fields with String() takes it.
    out.push({ rule: `${where} valid but inside an array`, requirement: 'CHAT-FIELD-TYPES', expected: rejected(bad(1002, ...(phoneish ? [1003] : []))), mayBeAccepted: false, kind: 'in-array', mutation: { action: 'wrap-in-array', path: f.path } });
  }
  if (!allowsType(f.node, 'null')) {
    // null on a required field may read as missing; on an optional one, as absent (then accepted).
    const expected = f.required ? rejected(bad(1001, 1002, ...(phoneish ? [1003] : []))) : rejected(bad(1002), true);
    out.push({ rule: `${where} null`, requirement: f.required ? 'CHAT-FIELDS-REQUIRED' : 'CHAT-FIELD-TYPES', expected, mayBeAccepted: !f.required, kind: 'null', mutation: { action: 'set', path: f.path, value: null } });
  }
  // An array item cannot be left out in place (deleting it shifts the rest): only objects' fields go missing.
  if (f.required && typeof f.path.at(-1) === 'string') {
    // Where the operation's docs name 1001 (missing field) it is the answer, but inside a part a
    // missing field may read as an invalid part (1002); where they do not, 1001 or 1002.
    const answers = f.insideItem ? bad(1001, 1002) : bad(...f.missingCode);
    out.push({ rule: `${where} missing`, requirement: 'CHAT-FIELDS-REQUIRED', expected: rejected(answers), mayBeAccepted: false, kind: 'missing', mutation: { action: 'delete', path: f.path } });
  }
  return out;
}

function valueCases(spec: OpenApiDocument, f: Field): Draft[] {
  const where = pathText(f.path);
  const out: Draft[] = [];
  const { node } = f;
  if (!isPhone(spec, node) && allowsType(node, 'string') && (node.minLength ?? 0) >= 1) {
    // An empty optional string may read as absent, as null may.
    out.push({ rule: `${where} empty`, requirement: 'CHAT-FIELD-TYPES', expected: rejected(bad(1002), !f.required), mayBeAccepted: !f.required, kind: 'empty', mutation: { action: 'set', path: f.path, value: '' } });
  }
  if (node.const !== undefined || node.enum !== undefined) {
    out.push({ rule: `${where} outside its ${node.const !== undefined ? 'const' : 'enum'}`, requirement: 'CHAT-FIELD-TYPES', expected: rejected(bad(1002)), mayBeAccepted: false, kind: 'outside-const', mutation: { action: 'set', path: f.path, value: 'conformance-unknown' } });
  }
  if (node.format === 'uri') {
    out.push({ rule: `${where} not a URL`, requirement: 'CHAT-FIELD-TYPES', expected: rejected(bad(1002)), mayBeAccepted: false, kind: 'not-a-url', mutation: { action: 'set', path: f.path, value: 'not a url' } });
  }
  return out;
}

/** Item patterns a fill may cycle through: pairs of part types first, then one type alone. */
function patterns(spec: OpenApiDocument, items: Schema | undefined): number[][] {
  const n = (items && deref(spec, items).oneOf?.length) ?? 1;
  const pairs = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => [a, b])).flat().filter(([a, b]) => a !== b);
  return [...pairs, ...Array.from({ length: n }, (_, a) => [a])];
}

/** The first example and item pattern whose array, filled to `count`, the docs would deliver. */
function deliverableFill(spec: OpenApiDocument, root: Schema, examples: unknown[], f: Field, count: number): { example: number; pattern: number[] } | undefined {
  for (const [example, raw] of examples.entries()) {
    const bound = bindBody(spec, root, raw, PLACEHOLDERS);
    for (const pattern of patterns(spec, f.node.items)) {
      const body = applyMutation(spec, root, bound, { action: 'fill', path: f.path, count, pattern }, PLACEHOLDERS);
      if (undeliverable(body) === undefined) return { example, pattern };
    }
  }
  return undefined;
}

type Located = Draft & { example?: number };

/**
 * A fill for past the bound that every reading counts in full: no rich link among its items (a
 * server may leave links out of the part cap: parts-cap), from the first example.
 */
function countedFill(spec: OpenApiDocument, f: Field): { example: number; pattern: number[] } {
  const options = (f.node.items && deref(spec, f.node.items).oneOf) ?? [];
  const isLink = (i: number) => deref(spec, options[i] as Schema).properties?.type?.const === 'rich_link';
  const pattern = patterns(spec, f.node.items).find((p) => !p.some(isLink)) ?? [0];
  return { example: 0, pattern };
}

function arrayBoundCases(spec: OpenApiDocument, root: Schema, examples: unknown[], f: Field): Located[] {
  const where = pathText(f.path);
  const bounds = boundsOf(f);
  const out: Located[] = [];
  const { minItems, maxItems } = f.node;
  if (minItems !== undefined && minItems >= 1) {
    const doc = bounds.minItems;
    out.push({ rule: `${where} empty`, requirement: doc?.requirement ?? 'CHAT-FIELDS-REQUIRED', expected: rejected(doc ? documented(doc) : bad(1001, 1002)), mayBeAccepted: false, kind: 'bound', mutation: { action: 'set', path: f.path, value: [] } });
    const fill = doc?.accepted ? deliverableFill(spec, root, examples, f, minItems) : undefined;
    if (doc?.accepted && fill) out.push({ rule: `${where} with ${minItems} item(s)`, requirement: doc.accepted, expected: SUCCESS, mayBeAccepted: true, kind: 'bound', mutation: { action: 'fill', path: f.path, count: minItems, ...fill }, example: fill.example });
  }
  if (maxItems !== undefined) {
    const doc = bounds.maxItems;
    const fill = deliverableFill(spec, root, examples, f, maxItems);
    // Past the bound, the fill need not be deliverable otherwise: any refusal is the right answer then.
    const over = fill ?? countedFill(spec, f);
    const overExpected: Expected = doc && doc.answers.length > 0 ? rejected(documented(doc)) : ANY_4XX;
    out.push({ rule: `${where} with ${maxItems + 1} items`, requirement: doc?.requirement ?? 'CHAT-FIELD-TYPES', expected: overExpected, mayBeAccepted: false, kind: 'bound', mutation: { action: 'fill', path: f.path, count: maxItems + 1, pattern: over.pattern }, example: over.example });
    if (doc?.accepted && fill) out.push({ rule: `${where} with ${maxItems} items`, requirement: doc.accepted, expected: SUCCESS, mayBeAccepted: true, kind: 'bound', mutation: { action: 'fill', path: f.path, count: maxItems, pattern: fill.pattern }, example: fill.example });
  }
  return out;
}

function stringBoundCases(f: Field): Draft[] {
  const { maxLength } = f.node;
  if (maxLength === undefined || !allowsType(f.node, 'string')) return [];
  const doc = boundsOf(f).maxLength;
  const value = 'x'.repeat(maxLength + 1);
  return [{ rule: `${pathText(f.path)} of ${maxLength + 1} characters`, requirement: doc?.requirement ?? 'CHAT-FIELD-TYPES', expected: doc ? rejected(documented(doc)) : ANY_4XX, mayBeAccepted: false, kind: 'bound', mutation: { action: 'set', path: f.path, value } }];
}

/** Every field below a node of an example, each once per part type (discriminated option). */
function fields(spec: OpenApiDocument, written: Schema, value: unknown, path: JsonPath, insideItem: boolean, missingCode: number[]): Field[] {
  const node = deref(spec, written);
  const option = optionFor(spec, node, value) ?? node;
  const out: Field[] = [];
  if (option.properties && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(option.properties)) {
      const childValue = (value as Record<string, unknown>)[key];
      const childNode = deref(spec, child);
      const required = option.required?.includes(key) ?? false;
      out.push({ written: child, node: childNode, path: [...path, key], required, insideItem, value: childValue, missingCode });
      if (childValue !== undefined) out.push(...fields(spec, child, childValue, [...path, key], insideItem, missingCode));
    }
  }
  if (node.items && Array.isArray(value)) {
    const seen = new Set<unknown>();
    value.forEach((item, i) => {
      const kind = optionFor(spec, deref(spec, node.items as Schema), item) ?? 'one';
      if (seen.has(kind)) return;
      seen.add(kind);
      out.push({ written: node.items as Schema, node: deref(spec, node.items as Schema), path: [...path, i], required: true, insideItem: true, value: item, missingCode });
      out.push(...fields(spec, node.items as Schema, item, [...path, i], true, missingCode));
    });
  }
  return out;
}

/** The readings (`x-chert-open` on the field's schema) under which a correct server answers this case otherwise. */
function openReadings(f: Field, kind: CaseKind, expected: Expected): Expected {
  const docs = [f.written['x-chert-open'], f.node['x-chert-open']].flatMap((d) => (Array.isArray(d) ? (d as OpenDoc[]) : []));
  return docs
    .filter((doc) => doc.cases.includes(kind))
    .reduce((set, doc) => spanning(anyOf(set, (doc.adds ?? []).flatMap((a) => errorAnswers(a.status, a.code)), doc.accepted ? SUCCESS : []), doc.choice), expected);
}

/** A group's part that is not a well-formed text part may meet the group rule first (group-rule-before-part-shape). */
function groupRuleFirst(spec: OpenApiDocument, root: Schema, example: unknown, mutation: Mutation, expected: Expected): Expected {
  const body = applyMutation(spec, root, bindBody(spec, root, structuredClone(example), PLACEHOLDERS), mutation, PLACEHOLDERS);
  return groupRuleMayAnswerFirst(body) ? spanning(anyOf(expected, errorAnswers([501, 422], 4099)), 'group-rule-before-part-shape', 'group-media-first-status') : expected;
}

function operationCases(spec: OpenApiDocument, op: Operation): PayloadCase[] {
  const root = op.requestSchema as Schema;
  const examples = op.examples.length > 0 ? op.examples : [minimalInstance(spec, root)];
  const byRule = new Map<string, { c: PayloadCase; present: boolean }>();
  examples.forEach((example, index) => {
    const missingCode = op.documentedCodes.includes(1001) ? [1001] : [1001, 1002];
    for (const f of fields(spec, root, example, [], false, missingCode)) {
      // An optional field the example leaves out is added, wrong, beside the rest (never deleted).
      const drafts: Located[] = [...typeCases(spec, f), ...valueCases(spec, f), ...phoneCases(spec, f), ...stringBoundCases(f), ...(allowsType(f.node, 'array') ? arrayBoundCases(spec, root, examples, f) : [])];
      for (const { example: at, mutation, kind, ...d } of drafts) {
        if (f.value === undefined && mutation.action !== 'set') continue;
        // A field the example holds (a group's subject) is judged there rather than added to an example without it.
        const present = f.value !== undefined;
        const earlier = byRule.get(d.rule);
        if (earlier && (earlier.present || !present)) continue;
        const exampleAt = at ?? index;
        const expected = groupRuleFirst(spec, root, examples[exampleAt], mutation, openReadings(f, kind, d.expected));
        byRule.set(d.rule, { c: { ...d, expected, mayBeAccepted: d.mayBeAccepted || mayBeAccepted(expected), operation: op.operationId, request: { example: exampleAt, mutation } }, present });
      }
    }
  });
  const cases = [...byRule.values()].map((entry) => entry.c);
  return op.documentedCodes.includes(1002) ? cases : cases.map(widenInvalidValue);
}

/**
 * Where an operation's docs name no "invalid value" code (1002), a server that answers a bad value
 * with the catalog's other validation code (1001, as for a value it reads as missing) follows them too.
 */
function widenInvalidValue(c: PayloadCase): PayloadCase {
  const errors = c.expected.anyOf.filter((a) => a.kind === 'error');
  const invalidOnly = errors.some((a) => a.status === 400 && a.code === 1002) && !errors.some((a) => a.code === 1001);
  return invalidOnly ? { ...c, expected: anyOf(c.expected, errorAnswers(400, 1001)) } : c;
}

/** Every payload case of every operation that takes a body. */
export function payloadCases(spec: OpenApiDocument, operations: readonly Operation[]): PayloadCase[] {
  return operations.filter((op) => op.requestSchema !== undefined).flatMap((op) => operationCases(spec, op));
}

/** The case's body: its example bound to the run, then the one change. */
export function payloadBody(spec: OpenApiDocument, op: Operation, c: PayloadCase, binding: Binding): unknown {
  const root = op.requestSchema as Schema;
  const examples = op.examples.length > 0 ? op.examples : [minimalInstance(spec, root)];
  const bound = bindBody(spec, root, structuredClone(examples[c.request.example]), binding);
  return applyMutation(spec, root, bound, c.request.mutation, binding);
}
