// Loads the OpenAPI document from specs/, once per process, and names the other contract files.
import { fileURLToPath } from 'node:url';
import { readYamlFile } from './yaml-file.ts';

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
  cachedSpec ??= readYamlFile(SPEC_PATH) as OpenApiDocument;
  return cachedSpec;
}
