// Renders conformance.json as one self-contained page a person takes in at a glance: the verdict,
// counts per level, the requirement matrix by area, then the evidence behind each failure.
import { withOutcome, verdictPhrase } from './expectations.ts';
import { expectationNote, expectationSections, unexcused } from './html-expectations.ts';
import { anchor, chip, esc, link, page, prose, VERDICT_LABEL } from './html-kit.ts';
import { operationMatrixSection } from './operation-matrix.ts';
import { contextMatrixSection } from './context-matrix.ts';
import type { ConformanceReport, Counts, Exchange, RequirementResult, TestEvidence } from './types.ts';

const NEEDS_EVIDENCE = new Set(['failed', 'warned', 'inconclusive']);

export function renderReport(report: ConformanceReport): string {
  const body = [
    header(report),
    verdictBanner(report),
    attention(unexcused(report.requirements)),
    countsTable(report),
    runErrors(report.runErrors),
    expectationSections(report),
    matrix(report),
    operationMatrixSection(report),
    contextMatrixSection(report),
    evidenceSection(report.requirements.filter((r) => NEEDS_EVIDENCE.has(r.status))),
    unlinkedSection(report),
  ].join('\n');
  return page(`Chert conformance: ${VERDICT_LABEL[report.verdict]} (${report.target})`, body);
}

function header(r: ConformanceReport): string {
  const facts = [
    `Target <strong>${esc(r.target)}</strong>`,
    `profile ${esc(r.profile)}`,
    `suite ${esc(r.suiteVersion)}`,
    r.strict ? 'strict (a failed SHOULD fails the run)' : '',
    `${esc(r.startedAt)} to ${esc(r.endedAt)}`,
  ].filter(Boolean);
  return `<h1>Chert chats API conformance</h1><p class="meta">${facts.join(' · ')}</p>`;
}

/** "51 of 52 MUST passed": the sentence release managers look for. */
export function levelLine(counts: Counts, level: string): string {
  return `${counts.passed} of ${counts.total} ${level} passed`;
}

function verdictBanner(r: ConformanceReport): string {
  const lines = [levelLine(r.summary.MUST, 'MUST'), levelLine(r.summary.SHOULD, 'SHOULD')];
  const known = withOutcome(r.requirements, 'known').length;
  const word = verdictPhrase(VERDICT_LABEL[r.verdict], known);
  return `<section class="verdict ${esc(r.verdict)}" id="verdict"><span class="word">${esc(word)}</span>`
    + `<span class="line">${esc(lines.join(' · '))}</span><span class="line">exit code ${r.exitCode}</span></section>`;
}

/** The ids to look at first, each linked to its evidence. */
function attention(requirements: RequirementResult[]): string {
  const order = ['failed', 'warned', 'inconclusive'] as const;
  const lines = order
    .map((status) => [status, requirements.filter((q) => q.status === status)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([status, list]) => `<div>${chip(status)} ${list.map((q) => `<a href="#${esc(anchor('evidence', q.id))}"><code>${esc(q.id)}</code></a>`).join(' ')}</div>`);
  return lines.length === 0 ? '' : `<div class="attention">${lines.join('')}</div>`;
}

const COUNT_COLUMNS = ['passed', 'failed', 'warned', 'inconclusive', 'skipped', 'total'] as const;

function countsTable(r: ConformanceReport): string {
  const head = `<tr><th>Level</th>${COUNT_COLUMNS.map((c) => `<th class="num">${c}</th>`).join('')}</tr>`;
  const row = (label: string, counts: Counts) =>
    `<tr><th>${label}</th>${COUNT_COLUMNS.map((c) => `<td class="num" data-count="${c}">${counts[c]}</td>`).join('')}</tr>`;
  return `<table class="counts" id="counts">${head}${row('MUST', r.summary.MUST)}${row('SHOULD', r.summary.SHOULD)}${row('All', r.summary.all)}</table>`;
}

function runErrors(errors: string[]): string {
  if (errors.length === 0) return '';
  return `<h2>The run could not judge everything</h2><div class="errors"><ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>`;
}

function matrix(r: ConformanceReport): string {
  const areas = [...new Set([...Object.keys(r.areas), ...r.requirements.map((q) => q.area)])];
  return `<h2>Requirements</h2>${areas.map((area) => areaTable(area, r.areas[area] ?? area, r.requirements.filter((q) => q.area === area))).join('\n')}`;
}

function areaTable(area: string, title: string, requirements: RequirementResult[]): string {
  if (requirements.length === 0) return '';
  const rows = requirements.map(matrixRow).join('');
  return `<h3 id="${esc(anchor('area', area))}">${esc(title)}</h3><table><tr><th>Requirement</th><th>Level</th><th>Status</th><th>Statement</th></tr>${rows}</table>`;
}

function matrixRow(q: RequirementResult): string {
  const status = NEEDS_EVIDENCE.has(q.status) ? `<a href="#${esc(anchor('evidence', q.id))}">${chip(q.status)}</a>` : chip(q.status);
  const notes = [q.reason ? `<div class="small">${esc(q.reason)}</div>` : '', q.note ? `<div class="small">Note: ${prose(q.note)}</div>` : '', openChoicesNote(q), expectationNote(q)];
  return `<tr id="${esc(anchor('req', q.id))}"><td class="id"><code>${link(q.source, q.id)}</code></td><td class="level">${esc(q.level)}</td>`
    + `<td>${status}</td><td>${prose(q.statement)}${notes.join('')}</td></tr>`;
}

/** Where the docs leave the answer open, every reading is accepted: say which, so a reader sees the docs are the limit there. */
function openChoicesNote(q: RequirementResult): string {
  if (!q.openChoices?.length) return '';
  const items = q.openChoices.map((c) => `<li><code>${esc(c.id)}</code> ${esc(c.question)} Accepted: ${c.readings.map((r) => `<code>${esc(r.id)}</code>`).join(', ')}.</li>`);
  return `<details class="small"><summary>Open in the docs: ${q.openChoices.length} choice${q.openChoices.length === 1 ? '' : 's'}, every reading accepted</summary><ul>${items.join('')}</ul></details>`;
}

function evidenceSection(requirements: RequirementResult[]): string {
  if (requirements.length === 0) return '';
  return `<h2>Evidence</h2>${requirements.map(evidenceFor).join('\n')}`;
}

function evidenceFor(q: RequirementResult): string {
  const tests = q.tests.filter((t) => t.status === 'failed' || t.status === 'inconclusive');
  return `<section class="evidence ${esc(q.status)}" id="${esc(anchor('evidence', q.id))}">`
    + `<h3>${chip(q.status)} <code>${link(q.source, q.id)}</code> <span class="level">${esc(q.level)}</span></h3>`
    + `<p>${prose(q.statement)}</p>${expectationNote(q)}${tests.map(testEvidence).join('')}</section>`;
}

function testEvidence(t: TestEvidence): string {
  const parts = [
    `<h4>${esc(t.title)} <span class="small">${esc(t.location)} · ${esc(t.status)} · ${t.durationMs} ms${t.attempts > 1 ? ` · ${t.attempts} attempts` : ''}</span></h4>`,
    ...t.errors.map((e) => `<pre class="error">${esc(e.excerpt)}</pre>`),
    t.seeds.length > 0 ? `<p>Seed: ${t.seeds.map((s) => `<code>${esc(s)}</code>`).join(', ')} (replay with <code>CHERT_SEED</code>)</p>` : '',
    ...t.counterexamples.map((c) => `<p>Shrunk counterexample:</p><pre class="counterexample">${esc(c)}</pre>`),
    ...t.exchanges.map(exchange),
  ];
  return parts.join('');
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n');
}

/** JSON answers are indented for reading; the request body stays byte-exact, as it was signed. */
function readable(body: string): string {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : body;
  } catch {
    return body;
  }
}

function exchange(x: Exchange, index: number): string {
  const request = `${x.request.method} ${x.request.url}\n${headerLines(x.request.headers)}${x.request.body === null ? '' : `\n\n${x.request.body}`}`;
  const response = x.response === null
    ? `No response${x.error ? `: ${x.error}` : ''}`
    : `HTTP ${x.response.status}\n${headerLines(x.response.headers)}\n\n${readable(x.response.body)}`;
  return `<details${index === 0 ? ' open' : ''}><summary>Exchange ${index + 1}: ${esc(x.request.method)} ${esc(x.request.url)} → ${esc(x.response?.status ?? 'no response')}</summary>`
    + `<h4>Request (redacted)</h4><pre class="request">${esc(request)}</pre>`
    + `<h4>Response</h4><pre class="response">${esc(response)}</pre>`
    + `<h4>Reproduce (secrets by variable)</h4><pre class="curl">${esc(x.curl)}</pre></details>`;
}

function unlinkedSection(r: ConformanceReport): string {
  if (r.unlinkedTests.length === 0) return '';
  const rows = r.unlinkedTests.map((t) => `<tr><td>${esc(t.title)}</td><td>${esc(t.location)}</td><td>${esc(t.requirementId ?? '(none)')}</td><td>${esc(t.status)}</td></tr>`);
  return `<h2>Tests linked to no catalog requirement</h2><table><tr><th>Test</th><th>Location</th><th>Annotation</th><th>Status</th></tr>${rows.join('')}</table>`;
}
