// Loads the OpenAPI document and the requirement catalog from specs/, once per process.
import { fileURLToPath } from 'node:url';
import { readYamlFile } from './yaml-file.ts';

export const SPEC_PATH = fileURLToPath(new URL('../../specs/chert-chats.openapi.yaml', import.meta.url));
export const REQUIREMENTS_PATH = fileURLToPath(new URL('../../specs/requirements.yaml', import.meta.url));

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
