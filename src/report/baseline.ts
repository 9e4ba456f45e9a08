// A first expectations file from a run: every failed or warned requirement, each with the
// placeholder reason that the run refuses until a person writes the real one (no silent baselines).
import { Document, isMap, isSeq } from 'yaml';
import type { Expectation } from './expectations.ts';
import { PLACEHOLDER_REASON } from './expectations-file.ts';
import type { ConformanceReport, RequirementResult } from './types.ts';

const BASELINED = new Set(['failed', 'warned']);

/** An entry already explained in the run's own expectations file keeps its reason, link and date. */
function entryFor(q: RequirementResult): Expectation {
  const kept = q.expectation?.outcome === 'known' ? q.expectation : undefined;
  const entry: Expectation = { id: q.id, status: q.status as Expectation['status'], reason: kept?.reason ?? PLACEHOLDER_REASON };
  if (kept?.link !== undefined) entry.link = kept.link;
  if (kept?.until !== undefined) entry.until = kept.until;
  return entry;
}

export function baselineEntries(report: ConformanceReport): Expectation[] {
  return report.requirements.filter((q) => BASELINED.has(q.status)).map(entryFor);
}

/** Each entry opens with the rule it excuses, so whoever writes the reason sees what it is about. */
function withStatements(report: ConformanceReport, entries: Expectation[]): Document {
  const doc = new Document({ expectations: entries });
  const list = doc.get('expectations');
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      const q = report.requirements.find((r) => r.id === entries[i]?.id);
      if (isMap(item) && q) item.commentBefore = ` ${q.level}: ${q.statement.replace(/\s+/g, ' ')}`;
    });
  }
  return doc;
}

export function renderBaseline(report: ConformanceReport, source: string): string {
  const entries = baselineEntries(report);
  const header = [
    `# Known deviations of ${report.target}, from ${source} (${report.endedAt}).`,
    '# Use it with CHERT_EXPECTATIONS=<this file>. Schema: schemas/expectations.schema.json.',
    '# Replace every TODO reason with why the deviation is accepted (the run refuses TODO reasons);',
    '# add `link:` (a ticket) and `until:` (YYYY-MM-DD, after which the entry expires) where you can.',
    '',
  ].join('\n');
  return header + withStatements(report, entries).toString({ lineWidth: 0 });
}
