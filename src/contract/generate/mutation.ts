// One change to a valid request body, as data, and its pure application. Changes that derive a
// value from the body (a phone number spelled wrong) or need run data (fresh recipients) are
// named, not precomputed, so cases stay data and every invalid number is a fictional one misspelt.
import { bindBody, minimalInstance, optionFor, type Binding } from '../example-body.ts';
import { deref, type Schema } from '../schema-ref.ts';
import type { OpenApiDocument } from '../spec.ts';

export type JsonPath = (string | number)[];

/** Ways to misspell an E.164 number, each still a fictional number underneath. */
export const PHONE_MISSPELLINGS = ['no-plus', 'letter-inside', 'sixteen-digits', 'zero-country-code'] as const;
export type PhoneMisspelling = (typeof PHONE_MISSPELLINGS)[number];

export type Mutation =
  | { action: 'delete'; path: JsonPath }
  | { action: 'set'; path: JsonPath; value: unknown }
  | { action: 'misspell-phone'; path: JsonPath; how: PhoneMisspelling }
  /** The value at `path`, valid as it is, put inside a one-item array. */
  | { action: 'wrap-in-array'; path: JsonPath }
  /** The array at `path` refilled with `count` items, cycling through `pattern` (indexes of the item schema's `oneOf`, or [0]). */
  | { action: 'fill'; path: JsonPath; count: number; pattern: number[] };

export function misspell(number: string, how: PhoneMisspelling): string {
  switch (how) {
    case 'no-plus':
      return number.replace(/^\+/, '');
    case 'letter-inside':
      return `${number.slice(0, 5)}a${number.slice(5)}`;
    case 'sixteen-digits':
      return number + '0'.repeat(Math.max(1, 17 - number.length));
    case 'zero-country-code':
      return `+0${number.slice(1)}`;
  }
}

/** The schema node at a path of a body (following array items and discriminated `oneOf`s). */
export function schemaAt(spec: OpenApiDocument, root: Schema, body: unknown, path: JsonPath): Schema | undefined {
  let node: Schema | undefined = root;
  let value = body;
  for (const key of path) {
    if (!node) return undefined;
    const resolved = deref(spec, node);
    const option = optionFor(spec, resolved, value) ?? resolved;
    node = typeof key === 'number' ? option.items : option.properties?.[key];
    value = (value as Record<string | number, unknown> | undefined)?.[key];
  }
  return node;
}

/** The items a fill puts in an array: minimal instances of the item options, bound to the run. */
export function fillItems(spec: OpenApiDocument, items: Schema, count: number, pattern: number[], binding: Binding): unknown[] {
  const resolved = deref(spec, items);
  const options = resolved.oneOf ?? [items];
  const raw = Array.from({ length: count }, (_, i) => minimalInstance(spec, options[pattern[i % pattern.length] as number] as Schema));
  return bindBody(spec, { type: 'array', items }, raw, binding) as unknown[];
}

/** A copy of the body with the change made (the body is not modified). */
export function applyMutation(spec: OpenApiDocument, root: Schema, body: unknown, mutation: Mutation, binding: Binding): unknown {
  const copy = structuredClone(body);
  const parentPath = mutation.path.slice(0, -1);
  const key = mutation.path.at(-1) as string | number;
  const parent = parentPath.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  switch (mutation.action) {
    case 'delete':
      delete parent[key];
      break;
    case 'set':
      parent[key] = mutation.value;
      break;
    case 'misspell-phone':
      parent[key] = misspell(String(parent[key]), mutation.how);
      break;
    case 'wrap-in-array':
      parent[key] = [parent[key]];
      break;
    case 'fill': {
      const items = schemaAt(spec, root, body, mutation.path);
      parent[key] = fillItems(spec, deref(spec, items ?? {}).items ?? {}, mutation.count, mutation.pattern, binding);
      break;
    }
  }
  return copy;
}

/** `message.parts[0].value` */
export function pathText(path: JsonPath): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
