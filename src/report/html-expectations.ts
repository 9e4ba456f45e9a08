// The parts of conformance.html about the expectations file: known deviations (apart from new
// failures), unexpected passes, and entries that no longer hold. Each names its reason and link.
import { withOutcome, type ExpectationOutcome } from './expectations.ts';
import { anchor, chip, esc, link } from './html-kit.ts';
import type { ConformanceReport, RequirementResult } from './types.ts';

/** Requirements whose status counts against the run: everything not excused by a known entry. */
export function unexcused(requirements: RequirementResult[]): RequirementResult[] {
  return requirements.filter((q) => q.expectation?.outcome !== 'known');
}

export function expectationSections(r: ConformanceReport): string {
  if (r.expectationsFile === undefined) return '';
  const file = `<p class="meta">Judged against the known deviations in <code>${esc(r.expectationsFile)}</code>.</p>`;
  return [
    file,
    section(r, 'unexpected-pass', 'unexpected-passes', 'Unexpected passes',
      `Expected to deviate, but passed: remove ${r.strict ? 'these entries (they fail the run under CHERT_STRICT=1)' : 'these entries so the list stays honest'}.`),
    section(r, 'known', 'known-deviations', 'Known deviations', 'Expected by the file, with its reason; they do not fail the run.'),
    section(r, 'expired', 'expired-expectations', 'Expired expectations', 'Past their until date: judged as if not expected.'),
    section(r, 'mismatch', 'mismatched-expectations', 'Expectations that no longer match', 'Another status than the one expected: judged as if not expected.'),
    section(r, 'not-judged', 'unjudged-expectations', 'Expectations not judged in this run', 'Their requirement was skipped (filtered out, another shard, or the profile).'),
  ].join('\n');
}

function section(r: ConformanceReport, outcome: ExpectationOutcome, id: string, title: string, sentence: string): string {
  const list = withOutcome(r.requirements, outcome);
  if (list.length === 0) return '';
  const cls = outcome === 'unexpected-pass' ? ' class="attention warning"' : '';
  return `<h2 id="${id}">${esc(title)} (${list.length})</h2><p${cls}>${esc(sentence)}</p>`
    + `<table class="expectations"><tr><th>Requirement</th><th>Level</th><th>Expected</th><th>Got</th><th>Reason</th><th>Until</th></tr>${list.map(row).join('')}</table>`;
}

function row(q: RequirementResult): string {
  const e = q.expectation;
  if (!e) return '';
  const ticket = e.link ? ` <span class="small">(${link(e.link, e.link)})</span>` : '';
  return `<tr data-requirement="${esc(q.id)}"><td class="id"><a href="#${esc(anchor('req', q.id))}"><code>${esc(q.id)}</code></a></td><td class="level">${esc(q.level)}</td>`
    + `<td>${chip(e.status)}</td><td>${chip(q.status)}</td><td>${esc(e.reason)}${ticket}</td><td>${esc(e.until ?? '')}</td></tr>`;
}

/** A line under the requirement's statement in the matrix. */
export function expectationNote(q: RequirementResult): string {
  const e = q.expectation;
  if (!e) return '';
  const words: Record<ExpectationOutcome, string> = {
    known: 'Known deviation',
    'unexpected-pass': 'Unexpected pass (expected to deviate)',
    expired: `Expired expectation (until ${e.until ?? ''})`,
    mismatch: `Expected ${e.status}, got ${q.status}`,
    'not-judged': 'Expected deviation, not judged in this run',
  };
  return `<div class="small expectation ${esc(e.outcome)}">${esc(words[e.outcome])}: ${esc(e.reason)}${e.link ? ` (${link(e.link, 'ticket')})` : ''}</div>`;
}
