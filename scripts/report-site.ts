// npm run report:site -- DIR... [--out DIR]
// One static, self-contained site from many runs' report folders (each holding conformance.json):
// index.html (targets × runs), a page per target (verdict and counts over time, newly failed and
// fixed between consecutive runs) and each run's conformance.html and badge.svg copied under runs/.
// Exit 0 when written; 2 on bad input, with one line that says what to do.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadReport, parseReportArgs, ReportInputError, runReportCommand } from '../src/report/compare.ts';
import { reportContext } from '../src/report/context.ts';
import { histories, runFolders, type SiteRun } from '../src/report/site.ts';
import { renderIndex, renderTargetPage } from '../src/report/site-html.ts';

const USAGE = 'Usage: npm run report:site -- DIR... [--out DIR] (each DIR holds a run\'s conformance.json)';
const COPIED = ['conformance.html', 'badge.svg'];

function main(argv: string[]): number {
  const parsed = parseReportArgs(argv, { out: { type: 'string' } }, USAGE);
  const dirs = parsed.positionals;
  if (dirs.length === 0) throw new ReportInputError(`No report folder given. ${USAGE}`);
  const reports = dirs.map((dir) => {
    if (!existsSync(join(dir, 'conformance.json'))) throw new ReportInputError(`${dir} holds no conformance.json: pass the report folder of each run.`);
    return loadReport(join(dir, 'conformance.json')).report;
  });
  const out = parsed.values.out ?? join(reportContext(process.cwd()).reportDir, 'site');
  const folders = runFolders(reports);
  // Nothing is deleted: --out may well hold the input folders themselves.
  const runs: SiteRun[] = reports.map((report, i) => {
    const folder = folders[i] as string;
    const source = dirs[i] as string;
    mkdirSync(join(out, folder), { recursive: true });
    for (const file of COPIED.filter((f) => existsSync(join(source, f)))) copyFileSync(join(source, file), join(out, folder, file));
    return { source, report, folder, hasHtml: existsSync(join(source, 'conformance.html')) };
  });
  const targets = histories(runs);
  writeFileSync(join(out, 'index.html'), renderIndex(targets));
  for (const target of targets) writeFileSync(join(out, target.page), renderTargetPage(target));
  console.log(`Site of ${runs.length} run${runs.length === 1 ? '' : 's'} of ${targets.length} target${targets.length === 1 ? '' : 's'}: ${join(relative(process.cwd(), out) || out, 'index.html')}`);
  return 0;
}

runReportCommand(main);
