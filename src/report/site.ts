// The history behind the published site: many runs' conformance.json grouped by target, ordered by
// time, and what changed between consecutive runs of a target. Pure; site-html.ts renders it.
import { createHash } from 'node:crypto';
import { withOutcome } from './expectations.ts';
import type { ConformanceReport, RequirementStatus } from './types.ts';

export type SiteRun = {
  /** The report folder the run came from, as given on the command line. */
  source: string;
  report: ConformanceReport;
  /** The run's folder inside the site, e.g. `runs/staging-3f2a1c-2025-01-01T05-17-00`. */
  folder: string;
  /** Whether its conformance.html was copied into the folder. */
  hasHtml: boolean;
};

export type RunChanges = {
  /** Failed or warned now, not before (or not in the previous run's catalog). */
  newlyFailed: string[];
  /** Failed or warned before, passed now. */
  fixed: string[];
};

export type TargetHistory = {
  target: string;
  page: string;
  /** Oldest first; `changes[i]` compares run i with run i - 1 (empty for the first). */
  runs: SiteRun[];
  changes: RunChanges[];
};

const FAILING: ReadonlySet<RequirementStatus> = new Set(['failed', 'warned']);

/** File-name safe and unique per target: readable words plus a short hash of the exact text. */
export function targetSlug(target: string): string {
  const words = target.toLowerCase().replace(/^https?:\/\//, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  const hash = createHash('sha256').update(target).digest('hex').slice(0, 6);
  return `${words || 'target'}-${hash}`;
}

/** Unique run folders, named by target and start time, in input order. */
export function runFolders(reports: ConformanceReport[]): string[] {
  const used = new Map<string, number>();
  return reports.map((r) => {
    const base = `runs/${targetSlug(r.target)}-${r.startedAt.replace(/[^0-9TZ]+/g, '-')}`;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    return seen === 0 ? base : `${base}-${seen + 1}`;
  });
}

export function changesBetween(previous: ConformanceReport | undefined, current: ConformanceReport): RunChanges {
  if (!previous) return { newlyFailed: [], fixed: [] };
  const before = new Map(previous.requirements.map((q) => [q.id, q.status]));
  const newlyFailed = current.requirements.filter((q) => FAILING.has(q.status) && !FAILING.has(before.get(q.id) ?? 'passed')).map((q) => q.id);
  const fixed = current.requirements.filter((q) => q.status === 'passed' && FAILING.has(before.get(q.id) ?? 'passed')).map((q) => q.id);
  return { newlyFailed, fixed };
}

/** Targets in order of their latest run, newest first; each target's runs oldest first. */
export function histories(runs: SiteRun[]): TargetHistory[] {
  const byTarget = new Map<string, SiteRun[]>();
  for (const run of runs) byTarget.set(run.report.target, [...(byTarget.get(run.report.target) ?? []), run]);
  const list = [...byTarget].map(([target, list]) => {
    const ordered = [...list].sort((a, b) => a.report.startedAt.localeCompare(b.report.startedAt) || a.folder.localeCompare(b.folder));
    return {
      target,
      page: `target-${targetSlug(target)}.html`,
      runs: ordered,
      changes: ordered.map((run, i) => changesBetween(ordered[i - 1]?.report, run.report)),
    };
  });
  return list.sort((a, b) => latest(b).report.startedAt.localeCompare(latest(a).report.startedAt) || a.target.localeCompare(b.target));
}

export function latest(history: TargetHistory): SiteRun {
  const run = history.runs.at(-1);
  if (!run) throw new Error(`No run for ${history.target}`);
  return run;
}

export function knownDeviations(report: ConformanceReport): number {
  return withOutcome(report.requirements, 'known').length;
}

export function unexpectedPasses(report: ConformanceReport): string[] {
  return withOutcome(report.requirements, 'unexpected-pass').map((q) => q.id);
}
