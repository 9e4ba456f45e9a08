// A check's finding: what is wrong with an answer, and the catalog requirement it breaks.

export type Problem = {
  /** A requirement id of specs/requirements.yaml. */
  requirement: string;
  /** What was received against what the docs say, in one or a few lines. */
  message: string;
};

export const problem = (requirement: string, message: string): Problem => ({ requirement, message });

/** The problems of several checks, in order, without the checks that found nothing. */
export function problems(...found: (Problem | undefined | readonly Problem[])[]): Problem[] {
  return found.flatMap((p) => (p === undefined ? [] : Array.isArray(p) ? (p as Problem[]) : [p as Problem]));
}

export const describeProblems = (found: readonly Problem[]): string => found.map((p) => `${p.requirement}: ${p.message}`).join('\n');
