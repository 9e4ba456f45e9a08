// Loads the OpenAPI document from specs/, once per process, and names the other contract files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const SPEC_PATH = fileURLToPath(new URL('../../specs/chert-chats.openapi.yaml', import.meta.url));
export const REQUIREMENTS_PATH = fileURLToPath(new URL('../../specs/requirements.yaml', import.meta.url));
export const OPEN_CHOICES_PATH = fileURLToPath(new URL('../../specs/open-choices.yaml', import.meta.url));

export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, object>; responses: Record<string, unknown> };
};

let cachedSpec: OpenApiDocument | undefined;

export function loadSpec(): OpenApiDocument {
  cachedSpec ??= parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument;
  return cachedSpec;
}
