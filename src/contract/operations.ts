// Every operation of the OpenAPI document as data: method, path, the run resources its path
// parameters name (`x-chert-resource`), how it authenticates, its request schema and an example
// body. The generators (src/contract/generate/) read only this, so an operation added to the spec
// gets its generated checks with no new test code.
import { deref, pointer, refName, type Schema } from './schema-ref.ts';
import type { OpenApiDocument } from './spec.ts';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = Uppercase<(typeof HTTP_METHODS)[number]>;

/** What a path parameter names: an id this run got back from the API (see the shared conventions). */
export const RESOURCE_KINDS = ['chat', 'message', 'participant'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export type PathParameter = { name: string; resource: ResourceKind };

/** How a request may authenticate: one of these modes (the spec's security requirements). */
export type AuthMode = 'bearer' | 'hmac';

export type Operation = {
  operationId: string;
  method: HttpMethod;
  /** The path template, e.g. `/api/v1/chats/{id}/messages`. */
  path: string;
  pathParameters: PathParameter[];
  /** The auth modes the operation accepts; empty for a public operation. */
  authModes: AuthMode[];
  /** The request body's schema as written (often a `$ref`); undefined for a bodyless operation. */
  requestSchema: Schema | undefined;
  /** The component name of the request schema, when it is a `$ref`. */
  requestSchemaName: string | undefined;
  /** The first documented example body; undefined when the spec gives none. */
  exampleBody: unknown;
  /** Every documented example body, in the spec's order. */
  examples: unknown[];
  /** The 2xx statuses the spec documents. */
  successStatuses: number[];
  /** The Chert error codes its documented responses name (in their descriptions), e.g. 1001. */
  documentedCodes: number[];
};

type Parameter = { name: string; in: string; $ref?: string; 'x-chert-resource'?: unknown };
type MediaType = { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown; $ref?: string }> };
type OperationObject = {
  operationId?: string;
  parameters?: Parameter[];
  security?: Record<string, string[]>[];
  requestBody?: { $ref?: string; content?: Record<string, MediaType> };
  responses?: Record<string, unknown>;
};
type SecurityScheme = { type?: string; scheme?: string; in?: string; name?: string };

const isResource = (value: unknown): value is ResourceKind => RESOURCE_KINDS.includes(value as ResourceKind);

function resolved<T>(spec: OpenApiDocument, node: T & { $ref?: string }): T {
  return node.$ref === undefined ? node : (pointer(spec, node.$ref) as T);
}

function pathParameters(spec: OpenApiDocument, where: string, params: Parameter[]): PathParameter[] {
  return params
    .map((p) => resolved(spec, p))
    .filter((p) => p.in === 'path')
    .map((p) => {
      const resource = p['x-chert-resource'];
      if (!isResource(resource)) {
        throw new Error(`${where}: path parameter "${p.name}" needs \`x-chert-resource: ${RESOURCE_KINDS.join(' | ')}\` in the spec, so generated checks know which id to put there.`);
      }
      return { name: p.name, resource };
    });
}

/** A scheme checked by `Authorization: Bearer` is bearer; one read from x-chert-signature is HMAC. */
function modeOf(scheme: SecurityScheme | undefined): AuthMode | undefined {
  if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') return 'bearer';
  if (scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name?.toLowerCase() === 'x-chert-signature') return 'hmac';
  return undefined;
}

function authModes(spec: OpenApiDocument, security: Record<string, string[]>[]): AuthMode[] {
  const schemes = (spec.components as { securitySchemes?: Record<string, SecurityScheme> }).securitySchemes ?? {};
  const modes = security.flatMap((requirement) => Object.keys(requirement).map((name) => modeOf(schemes[name])));
  return [...new Set(modes.filter((m): m is AuthMode => m !== undefined))];
}

function examplesOf(media: MediaType | undefined): unknown[] {
  if (!media) return [];
  if (media.example !== undefined) return [media.example];
  return Object.values(media.examples ?? {}).flatMap((e) => (e.value === undefined ? [] : [e.value]));
}

function operationOf(spec: OpenApiDocument, path: string, method: (typeof HTTP_METHODS)[number], pathItem: Record<string, unknown>): Operation {
  const op = pathItem[method] as OperationObject;
  const where = `${method.toUpperCase()} ${path}`;
  if (!op.operationId) throw new Error(`${where} has no operationId; every operation needs one (generated test titles name it).`);
  const body = op.requestBody === undefined ? undefined : resolved(spec, op.requestBody);
  const media = body?.content?.['application/json'];
  const shared = (pathItem.parameters as Parameter[] | undefined) ?? [];
  return {
    operationId: op.operationId,
    method: method.toUpperCase() as HttpMethod,
    path,
    pathParameters: pathParameters(spec, where, [...shared, ...(op.parameters ?? [])]),
    authModes: authModes(spec, op.security ?? (spec as { security?: Record<string, string[]>[] }).security ?? []),
    requestSchema: media?.schema,
    requestSchemaName: media?.schema === undefined ? undefined : refName(media.schema),
    exampleBody: examplesOf(media)[0],
    examples: examplesOf(media),
    successStatuses: Object.keys(op.responses ?? {}).filter((s) => /^2\d\d$/.test(s)).map(Number),
    documentedCodes: documentedCodes(spec, op.responses ?? {}),
  };
}

/** Four-digit Chert codes named in the descriptions of an operation's responses. */
function documentedCodes(spec: OpenApiDocument, responses: Record<string, unknown>): number[] {
  const text = Object.values(responses)
    .map((r) => (resolved(spec, r as { description?: string; $ref?: string }) as { description?: string }).description ?? '')
    .join(' ');
  return [...new Set([...text.matchAll(/\b([1-4]\d{3})\b/g)].map((m) => Number(m[1])))].sort();
}

/** Every operation of the document, in the order the spec lists them. */
export function listOperations(spec: OpenApiDocument): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m] !== undefined).map((m) => operationOf(spec, path, m, item)),
  );
}

/** The request schema with its `$ref` followed, or undefined for a bodyless operation. */
export function requestSchemaOf(spec: OpenApiDocument, operation: Operation): Schema | undefined {
  return operation.requestSchema === undefined ? undefined : deref(spec, operation.requestSchema);
}

/** The concrete path: each parameter replaced by the id of its resource kind, URL-encoded. */
export function fillPath(operation: Operation, ids: Partial<Record<ResourceKind, string>>): string {
  let path = operation.path;
  for (const { name, resource } of operation.pathParameters) {
    const id = ids[resource];
    if (id === undefined) throw new Error(`${operation.operationId} needs a ${resource} id for {${name}}.`);
    path = path.replace(`{${name}}`, encodeURIComponent(id));
  }
  return path;
}

/** The resource kinds an operation's path needs, so a test run knows what to create first. */
export function resourcesNeeded(operation: Operation): ResourceKind[] {
  return [...new Set(operation.pathParameters.map((p) => p.resource))];
}
