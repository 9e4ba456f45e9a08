// npm run report:compare -- a.json b.json ... [--out FILE]
// One HTML matrix of several conformance reports (requirements × targets), drift highlighted.
// Exit 0 when written; 2 on bad input, with one line that says what to do.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { comparisonRows, driftSentence, isDrift, loadReport, renderComparison, parseReportArgs, ReportInputError, runReportCommand } from '../src/report/compare.ts';
import { reportContext } from '../src/report/context.ts';

const USAGE = 'Usage: npm run report:compare -- a.json b.json ... [--out FILE]';

function main(argv: string[]): number {
  const parsed = parseReportArgs(argv, { out: { type: 'string' } }, USAGE);
  const files = parsed.positionals;
  if (files.length === 0) throw new ReportInputError(`No report given. ${USAGE}`);
  const reports = files.map(loadReport);
  const out = parsed.values.out ?? join(reportContext(process.cwd()).reportDir, 'compare.html');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderComparison(reports));
  const rows = comparisonRows(reports);
  console.log(`Compared ${reports.length} reports: ${driftSentence(rows.filter(isDrift).length, rows.length)} · ${relative(process.cwd(), out) || out}`);
  return 0;
}

runReportCommand(main);
