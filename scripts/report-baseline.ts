// npm run report:baseline -- reports/conformance.json [--out FILE]
// Writes an expectations file listing every failed / warned requirement of that run, each with a
// placeholder reason the run refuses until a person fills it in. Exit 0 when written; 2 on bad
// input, with one line that says what to do.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { baselineEntries, renderBaseline } from '../src/report/baseline.ts';
import { loadReport, parseReportArgs, ReportInputError, runReportCommand } from '../src/report/compare.ts';

const USAGE = 'Usage: npm run report:baseline -- reports/conformance.json [--out FILE] [--force]';
const DEFAULT_OUT = 'chert-expectations.yaml';

function main(argv: string[]): number {
  const parsed = parseReportArgs(argv, { out: { type: 'string' }, force: { type: 'boolean' } }, USAGE);
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) throw new ReportInputError(`Give exactly one conformance.json. ${USAGE}`);
  const { report } = loadReport(file);
  const out = parsed.values.out ?? DEFAULT_OUT;
  // Overwriting would throw away reasons a person already wrote.
  if (existsSync(out) && !parsed.values.force) throw new ReportInputError(`${out} exists; pass --out for another file, or --force to replace it.`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderBaseline(report, file));
  const ids = baselineEntries(report).map((e) => e.id);
  const shown = relative(process.cwd(), out) || out;
  const next = ids.length > 0 ? `replace each TODO reason, then run with CHERT_EXPECTATIONS=${shown}` : 'the run had no failed or warned requirement';
  console.log(`Wrote ${ids.length} expectation${ids.length === 1 ? '' : 's'} to ${shown}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}: ${next}.`);
  return 0;
}

runReportCommand(main);
