// The published site's pages: an index of targets × runs (verdict per run, MUST passed over time as
// an inline SVG line) and a page per target listing each run, what newly failed and what was fixed
// since the run before, linked to that run's full report. Same self-contained page kit as the report.
import { verdictPhrase } from './expectations.ts';
import { anchor, esc, page, VERDICT_LABEL, verdictChip } from './html-kit.ts';
import { knownDeviations, latest, unexpectedPasses, type RunChanges, type SiteRun, type TargetHistory } from './site.ts';
import type { Verdict } from './types.ts';

const VERDICT_COLOUR: Record<Verdict, string> = { conformant: '#1a7f37', 'non-conformant': '#cf222e', inconclusive: '#8250df' };

export function renderIndex(targets: TargetHistory[]): string {
  const runs = targets.reduce((n, t) => n + t.runs.length, 0);
  const rows = targets.map((t) => {
    const last = latest(t).report;
    return `<tr data-target="${esc(t.target)}"><td><a href="${esc(t.page)}">${esc(t.target)}</a></td>`
      + `<td>${verdictChip(last.verdict)} ${esc(knownWords(knownDeviations(last)))}</td>`
      + `<td class="num">${last.summary.MUST.passed}/${last.summary.MUST.total}</td><td>${esc(last.startedAt)}</td>`
      + `<td>${sparkline(t.runs)}</td><td class="runs">${t.runs.map(runSquare).join('')}</td></tr>`;
  });
  const body = `<h1>Chert conformance history</h1><p class="meta">${runs} run${runs === 1 ? '' : 's'} of ${targets.length} target${targets.length === 1 ? '' : 's'}, latest first.</p>`
    + `<table id="targets"><tr><th>Target</th><th>Latest verdict</th><th class="num">MUST passed</th><th>Latest run</th><th>MUST passed over time</th><th>Runs (oldest to newest)</th></tr>${rows.join('')}</table>`;
  return page('Chert conformance history', body);
}

export function renderTargetPage(history: TargetHistory): string {
  const rows = history.runs.map((run, i) => runRow(run, history.changes[i] ?? { newlyFailed: [], fixed: [] })).reverse();
  const body = `<p class="meta"><a href="index.html">All targets</a></p><h1>${esc(history.target)}</h1>`
    + `<p class="meta">${history.runs.length} run${history.runs.length === 1 ? '' : 's'}, newest first. MUST passed over time: ${sparkline(history.runs)}</p>`
    + `<table id="runs"><tr><th>Run</th><th>Verdict</th><th class="num">MUST passed</th><th class="num">MUST failed</th><th class="num">SHOULD warned</th>`
    + `<th class="num">inconclusive</th><th class="num">known</th><th>Newly failed</th><th>Fixed</th><th>Notes</th></tr>${rows.join('')}</table>`;
  return page(`Chert conformance history: ${history.target}`, body);
}

/** "with 2 known deviations", after the verdict chip. */
function knownWords(known: number): string {
  return known === 0 ? '' : verdictPhrase('', known).trim();
}

function reportHref(run: SiteRun, fragment = ''): string | undefined {
  return run.hasHtml ? `${run.folder}/conformance.html${fragment}` : undefined;
}

function runSquare(run: SiteRun): string {
  const r = run.report;
  const title = `${r.startedAt}: ${verdictPhrase(VERDICT_LABEL[r.verdict], knownDeviations(r))}`;
  const square = `<span class="run-square" style="background:${VERDICT_COLOUR[r.verdict]}" title="${esc(title)}"></span>`;
  const href = reportHref(run);
  return href === undefined ? square : `<a href="${esc(href)}" aria-label="${esc(title)}">${square}</a>`;
}

function idLinks(run: SiteRun, ids: string[]): string {
  return ids.map((id) => {
    const href = reportHref(run, `#${anchor('req', id)}`);
    return href === undefined ? `<code>${esc(id)}</code>` : `<a href="${esc(href)}"><code>${esc(id)}</code></a>`;
  }).join(' ');
}

function runRow(run: SiteRun, changes: RunChanges): string {
  const r = run.report;
  const href = reportHref(run);
  const when = href === undefined ? esc(r.startedAt) : `<a href="${esc(href)}">${esc(r.startedAt)}</a>`;
  const passes = unexpectedPasses(r);
  const notes = [
    `profile ${esc(r.profile)} · suite ${esc(r.suiteVersion)}${r.strict ? ' · strict' : ''}`,
    passes.length > 0 ? `unexpected pass: ${idLinks(run, passes)}` : '',
    r.runErrors.length > 0 ? `${r.runErrors.length} run error${r.runErrors.length === 1 ? '' : 's'}` : '',
    href === undefined ? 'no conformance.html in the run folder' : '',
  ].filter(Boolean);
  return `<tr data-run="${esc(run.folder)}"><td>${when}<div class="small">${esc(run.source)}</div></td>`
    + `<td>${verdictChip(r.verdict)} <span class="small">${esc(knownWords(knownDeviations(r)))} exit ${r.exitCode}</span></td>`
    + `<td class="num">${r.summary.MUST.passed}/${r.summary.MUST.total}</td><td class="num">${r.summary.MUST.failed}</td><td class="num">${r.summary.SHOULD.warned}</td>`
    + `<td class="num">${r.summary.all.inconclusive}</td><td class="num">${knownDeviations(r)}</td>`
    + `<td class="newly-failed">${idLinks(run, changes.newlyFailed)}</td><td class="fixed">${idLinks(run, changes.fixed)}</td><td class="small">${notes.join('<br>')}</td></tr>`;
}

const SPARK = { width: 160, height: 28, pad: 4 };

/** MUST passed as a share of MUST, one dot per run in its verdict's colour; inline, so nothing is fetched. */
export function sparkline(runs: SiteRun[]): string {
  const share = runs.map(({ report: r }) => (r.summary.MUST.total === 0 ? 0 : r.summary.MUST.passed / r.summary.MUST.total));
  const step = runs.length > 1 ? (SPARK.width - 2 * SPARK.pad) / (runs.length - 1) : 0;
  const points = share.map((s, i) => [SPARK.pad + i * step, SPARK.height - SPARK.pad - s * (SPARK.height - 2 * SPARK.pad)] as const);
  const line = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const dots = points.map(([x, y], i) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.5" fill="${VERDICT_COLOUR[runs[i]!.report.verdict]}"/>`).join('');
  const label = `MUST passed per run: ${runs.map((r) => `${r.report.summary.MUST.passed}/${r.report.summary.MUST.total}`).join(', ')}`;
  return `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${SPARK.width}" height="${SPARK.height}" viewBox="0 0 ${SPARK.width} ${SPARK.height}" role="img" aria-label="${esc(label)}">`
    + `<title>${esc(label)}</title><polyline fill="none" stroke="#57606a" stroke-width="1.5" points="${line}"/>${dots}</svg>`;
}
