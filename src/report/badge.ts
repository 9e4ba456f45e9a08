// A flat SVG badge ("conformance | conformant 52/52 MUST") to publish beside the report.
import { withOutcome } from './expectations.ts';
import { esc } from './html-kit.ts';
import type { ConformanceReport, Verdict } from './types.ts';

const COLOURS: Record<Verdict, string> = { conformant: '#1a7f37', 'non-conformant': '#cf222e', inconclusive: '#8250df' };
const LABEL = 'conformance';
// Verdana 11px averages about 7px a character; badges only need to be roughly right.
const CHAR_WIDTH = 7;
const PADDING = 10;

/** "conformant 52/52 MUST"; with known deviations "conformant · 2 known · 50/52 MUST". */
export function badgeText(report: ConformanceReport): string {
  const must = report.summary.MUST;
  const known = withOutcome(report.requirements, 'known').length;
  return known === 0 ? `${report.verdict} ${must.passed}/${must.total} MUST` : `${report.verdict} · ${known} known · ${must.passed}/${must.total} MUST`;
}

export function renderBadge(report: ConformanceReport): string {
  const value = badgeText(report);
  const left = LABEL.length * CHAR_WIDTH + PADDING;
  const right = value.length * CHAR_WIDTH + PADDING;
  const width = left + right;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${esc(`${LABEL}: ${value}`)}">
<title>${esc(`${LABEL}: ${value}`)}</title>
<rect width="${left}" height="20" rx="3" fill="#555"/>
<rect x="${left}" width="${right}" height="20" rx="3" fill="${COLOURS[report.verdict]}"/>
<rect x="${left}" width="4" height="20" fill="${COLOURS[report.verdict]}"/>
<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
<text x="${left / 2}" y="14">${LABEL}</text>
<text x="${left + right / 2}" y="14">${esc(value)}</text>
</g>
</svg>
`;
}
