// Building blocks shared by the conformance page and the compare page: escaping (target
// responses are hostile input), status chips and one inline stylesheet, so each page is a single
// self-contained file with no scripts, fonts or images to fetch.
import type { RequirementStatus, Verdict } from './types.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Only http(s) links are rendered, so no `javascript:` URL can reach an href. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Escaped text with the catalog's `backticks` shown as code. */
export function prose(value: string): string {
  return esc(value).replace(/`([^`]+)`/g, '<code>$1</code>');
}

export function link(url: string, text: string): string {
  const href = safeHref(url);
  return href === undefined ? esc(text) : `<a href="${esc(href)}" rel="noopener noreferrer">${esc(text)}</a>`;
}

/** An anchor-safe id for a requirement id (which the catalog keeps to A-Z, 0-9 and dashes anyway). */
export function anchor(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function chip(status: RequirementStatus | 'missing'): string {
  return `<span class="chip ${status}">${status}</span>`;
}

export function verdictChip(verdict: Verdict): string {
  return `<span class="chip ${verdict}">${VERDICT_LABEL[verdict]}</span>`;
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  conformant: 'Conformant',
  'non-conformant': 'Non-conformant',
  inconclusive: 'Inconclusive',
};

const CSS = `
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--doubt:#8250df;--skip:#6e7781;--line:#d0d7de;--soft:#f6f8fa;--ink:#1f2328}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px}h4{font-size:13px;margin:12px 0 4px}
.meta{color:#57606a;margin:0 0 16px}
.verdict{border-radius:10px;padding:18px 22px;color:#fff;display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 24px;margin-bottom:16px}
.verdict .word{font-size:34px;font-weight:700;letter-spacing:.5px}.verdict .line{font-size:16px}
.verdict.conformant{background:var(--ok)}.verdict.non-conformant{background:var(--bad)}.verdict.inconclusive{background:var(--doubt)}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.counts{width:auto;min-width:520px}
.chip{display:inline-block;border-radius:999px;padding:0 9px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.chip.passed{background:var(--ok)}.chip.failed{background:var(--bad)}.chip.warned{background:var(--warn)}
.chip.inconclusive{background:var(--doubt)}.chip.conformant{background:var(--ok)}.chip.non-conformant{background:var(--bad)}.chip.skipped,.chip.missing{background:var(--skip)}
.level{font-weight:600;font-size:12px}.small{color:#57606a;font-size:12px}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0}
.evidence{border:1px solid var(--line);border-left:4px solid var(--bad);border-radius:6px;padding:4px 14px 10px;margin:12px 0}
.evidence.warned{border-left-color:var(--warn)}.evidence.inconclusive{border-left-color:var(--doubt)}
.errors{background:#fff5f5;border:1px solid #f3c5c5;border-radius:6px;padding:8px 12px;margin:0 0 16px}
tr.drift td{background:#fff8c5}
a{color:#0969da}
td.id{white-space:nowrap}td.id .small{white-space:normal;min-width:280px}
.attention{margin:0 0 16px}.attention.warning{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px}
.run-square{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 2px 0 0;vertical-align:middle}svg.sparkline{vertical-align:middle}
.expectation.known{color:#57606a}.expectation.unexpected-pass,.expectation.expired,.expectation.mismatch{color:var(--warn);font-weight:600}.attention div{margin:4px 0}.attention a{margin-right:10px}
`;

export function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network at all: a report opened offline or from an artifact looks the same.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(title)}</title><link rel="icon" href="data:,"><style>${CSS}</style></head>`,
    `<body><main>${body}</main></body></html>`,
    '',
  ].join('\n');
}
