// What a group's roster must hold after an add or a removal (/api/group-chats/add-participant,
// /remove-participant): every member, once, and none of those removed. Whether the tenant's line
// is listed, and by which handle, is open (roster-lists-line): at most one entry may be neither a
// member nor removed, and that one is the line, by its number or by a handle of its own.
import { clip } from './answer.ts';
import { problem, type Problem } from './problem.ts';

/** Email addresses are compared without regard to case (PARTICIPANT-ADD-EMAIL). */
const same = (address: string): string => (address.includes('@') ? address.toLowerCase() : address);

export const ROSTER_CHOICES = ['roster-lists-line'] as const;

export function rosterProblem(requirement: string, what: string, listed: unknown, members: readonly string[], removed: readonly string[] = []): Problem | undefined {
  if (!Array.isArray(listed) || !listed.every((a) => typeof a === 'string')) return problem(requirement, `${what}: \`participants\` is not a list of addresses: ${clip(JSON.stringify(listed))}`);
  const roster = (listed as string[]).map(same);
  const want = members.map(same);
  const gone = removed.map(same);
  const twice = roster.find((a, i) => roster.indexOf(a) !== i);
  const missing = want.filter((a) => !roster.includes(a));
  const stillThere = gone.filter((a) => roster.includes(a));
  const others = roster.filter((a) => !want.includes(a) && !gone.includes(a));
  const wrong = [
    ...(twice ? [`lists ${twice} more than once`] : []),
    ...(missing.length > 0 ? [`misses ${missing.join(', ')}`] : []),
    ...(stillThere.length > 0 ? [`still lists ${stillThere.join(', ')}`] : []),
    ...(others.length > 1 ? [`lists ${others.join(', ')}, who are not members (only the line may be listed besides them)`] : []),
  ];
  return wrong.length === 0 ? undefined : problem(requirement, `${what}: the roster ${clip(JSON.stringify(listed))} ${wrong.join('; ')}`);
}
