// A valid body for an operation, from the spec alone: its documented example, or (when it has
// none) the smallest instance its request schema allows; then bound to this run: every phone
// number becomes the tenant's sender line (where the schema marks `x-chert-sender-line`) or a
// fictional recipient, and every idempotency key a fresh one, so the body is safe to send.
import { E164_PATTERN } from '../domain/phones.ts';
import type { Operation } from './operations.ts';
import { deref, type Schema } from './schema-ref.ts';
import type { OpenApiDocument } from './spec.ts';

export type Binding = {
  /** The tenant's sender line. */
  senderLine: string;
  /** Fictional (or allowed) recipients, used in order; a body needing more reuses none. */
  recipients: readonly string[];
  /** A fresh idempotency key. */
  uniqueKey: () => string;
};

type Json = unknown;

/** The option of a `oneOf` a value belongs to, read from the discriminator when there is one. */
export function optionFor(spec: OpenApiDocument, schema: Schema, value: Json): Schema | undefined {
  if (!schema.oneOf) return undefined;
  const property = schema.discriminator?.propertyName;
  if (property && typeof value === 'object' && value !== null) {
    const tag = (value as Record<string, unknown>)[property];
    const mapped = schema.discriminator?.mapping?.[String(tag)];
    if (mapped) return deref(spec, { $ref: mapped });
    return schema.oneOf.map((o) => deref(spec, o)).find((o) => o.properties?.[property]?.const === tag);
  }
  return deref(spec, schema.oneOf[0] as Schema);
}

/** The smallest instance of a schema that satisfies it (placeholders for phones, bound later). */
export function minimalInstance(spec: OpenApiDocument, written: Schema): Json {
  const schema = deref(spec, written);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.oneOf) return minimalInstance(spec, schema.oneOf[0] as Schema);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : 'string')) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, minimalInstance(spec, schema.properties?.[key] ?? {})]));
    case 'array':
      return Array.from({ length: schema.minItems ?? 1 }, () => minimalInstance(spec, schema.items ?? {}));
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return minimalString(schema);
  }
}

function minimalString(schema: Schema): string {
  if (schema.format === 'uri') return 'https://example.com/';
  if (schema.pattern !== undefined && new RegExp(schema.pattern).test('+15555550100')) return '+15555550100';
  return 'conformance'.padEnd(schema.minLength ?? 1, '.').slice(0, schema.maxLength ?? Infinity);
}

/** The schema of `key` inside an object node (following a discriminated `oneOf`). */
function propertySchema(spec: OpenApiDocument, schema: Schema | undefined, value: Json, key: string): Schema | undefined {
  if (!schema) return undefined;
  const node = deref(spec, schema);
  const option = optionFor(spec, node, value);
  return (option ?? node).properties?.[key];
}

/** The body with phones and idempotency keys bound to this run (see the module comment). */
export function bindBody(spec: OpenApiDocument, schema: Schema | undefined, value: Json, binding: Binding): Json {
  let next = 0;
  const recipient = () => {
    const number = binding.recipients[next++];
    if (number === undefined) throw new Error(`The example body needs more than ${binding.recipients.length} recipient(s).`);
    return number;
  };
  const walk = (node: Schema | undefined, v: Json, key: string | undefined): Json => {
    if (typeof v === 'string') {
      if (key === 'idempotency_key') return binding.uniqueKey();
      if (!E164_PATTERN.test(v)) return v;
      const resolvedNode = node && deref(spec, node);
      return resolvedNode?.['x-chert-sender-line'] === true || node?.['x-chert-sender-line'] === true ? binding.senderLine : recipient();
    }
    if (Array.isArray(v)) return v.map((item) => walk(node && deref(spec, node).items, item, undefined));
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(propertySchema(spec, node, v, k), item, k)]));
    }
    return v;
  };
  return walk(schema, value, undefined);
}

/** A valid body for the operation, bound to this run; undefined for a bodyless operation. */
export function exampleBody(spec: OpenApiDocument, operation: Operation, binding: Binding): Json {
  if (operation.requestSchema === undefined) return undefined;
  const raw = operation.exampleBody ?? minimalInstance(spec, operation.requestSchema);
  return bindBody(spec, operation.requestSchema, structuredClone(raw), binding);
}
