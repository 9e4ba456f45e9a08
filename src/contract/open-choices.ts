// The register of open choices (specs/open-choices.yaml): every question the docs leave open, and
// every reading a correct server may take. Checks name the choices whose readings widen what they
// accept; the mock can take each reading; the reports show where the docs, not the target, are the limit.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { OPEN_CHOICES_PATH } from './spec.ts';

export type Source = { url: string; quote: string; digest?: string };
export type Reading = {
  id: string;
  says: string;
  answers?: string;
  /** SHOULD requirements this reading does not meet (the contract allows it but prefers another). */
  warns?: string[];
  /** Why a server of this reading leaves positive checks unjudged: the gate runs it alone, asking for no failure. */
  unjudged?: string;
};

export type OpenChoice = {
  id: string;
  question: string;
  sources: Source[];
  /** The first is the built-in mock's default. */
  readings: Reading[];
  requirements: string[];
  /** Where the built-in mock decides it. */
  mock?: string;
  /** false: its other readings are taken on their own, not together with every other alternate. */
  combinable?: boolean;
  note?: string;
};

/** A question the digest records as open that the contract resolves: its resolution stands. */
export type Resolved = { id: string; question: string; resolution: string; by: string };

export type Register = { version: number; choices: OpenChoice[]; resolved?: Resolved[] };

let cached: Register | undefined;

export function loadRegister(): Register {
  cached ??= parse(readFileSync(OPEN_CHOICES_PATH, 'utf8')) as Register;
  return cached;
}

export function choiceById(id: string): OpenChoice {
  const found = loadRegister().choices.find((c) => c.id === id);
  if (!found) throw new Error(`Unknown open choice "${id}": add it to specs/open-choices.yaml first.`);
  return found;
}

/** The open choices whose readings a requirement's checks must all accept. */
export function choicesOf(requirementId: string): OpenChoice[] {
  return loadRegister().choices.filter((c) => c.requirements.includes(requirementId));
}
