// JSON Schema nodes of the OpenAPI document, with `$ref`s into `#/components/...` resolved.
// Pure: every function takes the document it reads, so tests can hand in a modified copy.
import type { OpenApiDocument } from './spec.ts';

/** A schema node as the spec writes it (OpenAPI 3.1 = JSON Schema 2020-12 plus x- extensions). */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  description?: string;
  [extension: `x-${string}`]: unknown;
};

/** The object a local `$ref` (`#/a/b/c`) points at, or an error naming the broken reference. */
export function pointer(spec: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got "${ref}".`);
  let node: unknown = spec;
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new Error(`The spec's $ref "${ref}" points at nothing.`);
  }
  return node;
}

/**
 * The node with its `$ref` chain followed. Keywords written beside a `$ref` (3.1 allows them, e.g.
 * an `x-` extension) are kept and win over the target's.
 */
export function deref(spec: OpenApiDocument, schema: Schema): Schema {
  let node = schema;
  const seen = new Set<string>();
  while (node.$ref !== undefined) {
    if (seen.has(node.$ref)) throw new Error(`The spec's $ref "${node.$ref}" is circular.`);
    seen.add(node.$ref);
    const { $ref, ...siblings } = node;
    node = { ...(pointer(spec, $ref) as Schema), ...siblings };
  }
  return node;
}

/** The name of a component schema a `$ref` points at (`#/components/schemas/E164` → `E164`). */
export function refName(schema: Schema): string | undefined {
  return schema.$ref?.startsWith('#/components/schemas/') ? schema.$ref.slice('#/components/schemas/'.length) : undefined;
}

/** The JSON types a node allows (`type` as written, or the type of its `const`/`enum`). */
export function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type !== undefined) return [schema.type];
  const sample = schema.const ?? schema.enum?.[0];
  if (typeof sample === 'string') return ['string'];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}
