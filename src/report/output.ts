// Writes conformance.json, conformance.html and badge.svg side by side, redacted on the way out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderBadge } from './badge.ts';
import { renderReport } from './html.ts';
import { redactDeep, type Secret } from '../client/redact.ts';
import type { ConformanceReport } from './types.ts';

export type WrittenReport = { json: string; html: string; badge: string };

export function writeReport(report: ConformanceReport, dir: string, secrets: readonly Secret[]): WrittenReport {
  const safe = redactDeep(report, secrets);
  const paths = { json: join(dir, 'conformance.json'), html: join(dir, 'conformance.html'), badge: join(dir, 'badge.svg') };
  mkdirSync(dir, { recursive: true });
  writeFileSync(paths.json, `${JSON.stringify(safe, null, 2)}\n`);
  writeFileSync(paths.html, renderReport(safe));
  writeFileSync(paths.badge, renderBadge(safe));
  return paths;
}
