// Several conformance reports side by side: requirements as rows, targets as columns, and the
// rows whose status differs between targets highlighted, so drift between deployments shows.
import { readFileSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { anchor, chip, esc, link, page, prose, verdictChip } from './html-kit.ts';
import { reportProblems } from './schema.ts';
import type { ConformanceReport, RequirementResult, RequirementStatus } from './types.ts';

/** Bad input for a report command (compare, baseline, site); the message is one line that says what to do. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

/** A report command's arguments (positionals and `options`); a bad one is a ReportInputError ending in `usage`. */
export function parseReportArgs<const T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    throw new ReportInputError(`${(e as Error).message}. ${usage}`);
  }
}

/** Runs a report command: a bad input (ReportInputError) is one line and exit 2, not a stack trace. */
export function runReportCommand(main: (args: string[]) => number): void {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof ReportInputError)) throw e;
    console.error(e.message);
    process.exitCode = 2;
  }
}

export type LabelledReport = { file: string; report: ConformanceReport };

export function loadReport(file: string): LabelledReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReportInputError(`Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}): pass the conformance.json of a run.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ReportInputError(`${file} is not JSON: pass the conformance.json of a run.`);
  }
  const problems = reportProblems(value);
  if (problems.length > 0) {
    throw new ReportInputError(`${file} is not a conformance report (${problems.slice(0, 2).join('; ')}): pass the conformance.json of a run.`);
  }
  return { file, report: value as ConformanceReport };
}

type Row = { requirement: RequirementResult; cells: (RequirementStatus | 'missing')[] };

/** Every requirement of any report, in first-seen order; a report without it shows "missing". */
export function comparisonRows(reports: LabelledReport[]): Row[] {
  const first = new Map<string, RequirementResult>();
  for (const { report } of reports) for (const q of report.requirements) if (!first.has(q.id)) first.set(q.id, q);
  return [...first.values()].map((requirement) => ({
    requirement,
    cells: reports.map(({ report }) => report.requirements.find((q) => q.id === requirement.id)?.status ?? 'missing'),
  }));
}

export function isDrift(row: Row): boolean {
  return new Set(row.cells).size > 1;
}

export function renderComparison(reports: LabelledReport[]): string {
  const rows = comparisonRows(reports);
  const drift = rows.filter(isDrift);
  const body = [
    `<h1>Chert conformance: ${reports.length} targets compared</h1>`,
    `<p class="meta">${driftSentence(drift.length, rows.length)} (highlighted).</p>`,
    drift.length > 0 ? `<div class="attention">Differ: ${drift.map((r) => `<a href="#${esc(anchor('req', r.requirement.id))}"><code>${esc(r.requirement.id)}</code></a>`).join(' ')}</div>` : '',
    `<table id="comparison">${headerRow(reports)}${areaGroups(reports, rows)}</table>`,
  ].join('\n');
  return page(`Chert conformance comparison (${reports.length} targets)`, body);
}

/** File names tell columns apart when targets repeat; reports are often all "conformance.json". */
function fileLabels(files: string[]): string[] {
  const names = files.map((f) => basename(f));
  const unique = new Set(names).size === names.length;
  return unique ? names : files.map((f) => f.split(sep).slice(-2).join('/'));
}

export function driftSentence(drift: number, total: number): string {
  return `${drift} of ${total} requirement${total === 1 ? '' : 's'} ${drift === 1 ? 'differs' : 'differ'} between targets`;
}

function headerRow(reports: LabelledReport[]): string {
  const labels = fileLabels(reports.map((r) => r.file));
  const columns = reports.map(({ report }, i) => {
    const must = report.summary.MUST;
    return `<th><div>${esc(report.target)}</div><div class="small">${esc(labels[i])} · ${esc(report.endedAt)}</div>`
      + `<div>${verdictChip(report.verdict)}`
      + ` <span class="small">${must.passed}/${must.total} MUST</span></div></th>`;
  });
  return `<tr><th>Requirement</th><th>Level</th>${columns.join('')}</tr>`;
}

function areaGroups(reports: LabelledReport[], rows: Row[]): string {
  const titles: Record<string, string> = Object.assign({}, ...reports.map((r) => r.report.areas).reverse());
  const areas = [...new Set(rows.map((r) => r.requirement.area))];
  return areas.map((area) => {
    const heading = `<tr><th colspan="${reports.length + 2}">${esc(titles[area] ?? area)}</th></tr>`;
    return heading + rows.filter((r) => r.requirement.area === area).map(comparisonRow).join('');
  }).join('');
}

function comparisonRow({ requirement: q, cells }: Row): string {
  const cls = isDrift({ requirement: q, cells }) ? ' class="drift"' : '';
  return `<tr id="${esc(anchor('req', q.id))}"${cls} title="${esc(q.statement)}"><td class="id"><code>${link(q.source, q.id)}</code>`
    + `<div class="small">${prose(q.statement)}</div></td><td class="level">${esc(q.level)}</td>${cells.map((c) => `<td>${chip(c)}</td>`).join('')}</tr>`;
}
