// The requirement catalog (specs/requirements.yaml): the ids every test and fault points at.
import { readYamlFile } from './yaml-file.ts';
import { REQUIREMENTS_PATH } from './spec.ts';
import type { WrittenDomain } from './domain.ts';

export type Level = 'MUST' | 'SHOULD';

export type Requirement = {
  id: string;
  level: Level;
  area: string;
  statement: string;
  source: string;
  note?: string;
  /** Set when no black-box test can judge the rule; the reason is shown in the report. */
  untestable?: string;
  /** The contexts it governs, where the catalog writes them (src/contract/domain.ts derives the rest). */
  domain?: WrittenDomain;
};

export type Catalog = {
  version: number;
  areas: Record<string, string>;
  requirements: Requirement[];
};

let cached: Catalog | undefined;

export function loadCatalog(): Catalog {
  cached ??= readYamlFile(REQUIREMENTS_PATH) as Catalog;
  return cached;
}

export function requirementById(id: string): Requirement {
  const found = loadCatalog().requirements.find((r) => r.id === id);
  if (!found) throw new Error(`Unknown requirement id "${id}": add it to specs/requirements.yaml first.`);
  return found;
}
