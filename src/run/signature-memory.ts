// What earlier runs on this machine signed against the same target, so a run does not sign those
// requests again (src/client/signature-clock.ts). A gate runs again and again against one staging
// target, and a server may refuse a signature it has seen (open choice signature-replay): a short
// run signs its repeated requests ahead of the clock, into the seconds the next run signs in.
// Each worker hands on what it signed when it ends, one file per worker, and each new worker
// (of this run after a restart, or of the next run) starts from every file still in the window.
// Only hashes of the request and signature are kept, never a signature, and nothing past 310 s.
// Best effort: a file that cannot be read or written is passed over, as if there were no history.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inWindow, REMEMBER_SECONDS, type SignedEntry } from '../client/signature-clock.ts';
import type { Settings } from '../config/settings.ts';

const DIR = fileURLToPath(new URL('../../node_modules/.cache/chert-conformance/signatures/', import.meta.url));

type MemoryFile = { version: 1; entries: SignedEntry[] };

/** The target's files are named by a hash of its address and tenants: no address on disk either. */
function targetKey(settings: Settings): string {
  const tenants = [settings.tenant, settings.tenantB].map((tenant) => tenant?.slug ?? '').join(',');
  return createHash('sha256').update(`${settings.baseUrl}\n${tenants}`).digest('hex').slice(0, 16);
}

/** Every request signed against this target within the window, by the runs and workers before. */
export function recallSignatures(settings: Settings, dir = DIR): SignedEntry[] {
  const horizon = Math.floor(Date.now() / 1000) - REMEMBER_SECONDS;
  const prefix = `${targetKey(settings)}-`;
  const entries: SignedEntry[] = [];
  for (const name of filesIn(dir)) {
    const file = join(dir, name);
    if (!name.startsWith(prefix)) {
      forgetIfOld(file, horizon);
      continue;
    }
    const recent = readEntries(file).filter(([, at]) => inWindow(at));
    if (recent.length === 0) forget(file);
    entries.push(...recent);
  }
  return entries;
}

/** Hands on what one worker signed (written whole, then renamed, so no reader sees half a file). */
export function keepSignatures(settings: Settings, entries: readonly SignedEntry[], dir = DIR): void {
  if (entries.length === 0) return;
  const name = `${targetKey(settings)}-${process.pid}-${randomBytes(4).toString('hex')}.json`;
  const memory: MemoryFile = { version: 1, entries: [...entries] };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, `.${name}`), JSON.stringify(memory), { mode: 0o600 });
    renameSync(join(dir, `.${name}`), join(dir, name));
  } catch {
    // No history for the next run: it signs as a run on a fresh machine would.
  }
}

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
  } catch {
    return [];
  }
}

function readEntries(file: string): SignedEntry[] {
  try {
    const memory = JSON.parse(readFileSync(file, 'utf8')) as Partial<MemoryFile>;
    if (memory.version !== 1 || !Array.isArray(memory.entries)) return [];
    return memory.entries.filter((entry): entry is SignedEntry => Array.isArray(entry) && typeof entry[0] === 'string' && Number.isInteger(entry[1]));
  } catch {
    return [];
  }
}

/** Another target's file, left unread: removed once written long enough ago that all its entries are past the window. */
function forgetIfOld(file: string, horizon: number): void {
  try {
    // A clock signs at most a few minutes ahead of its time, so an entry is never later than this.
    if (statSync(file).mtimeMs / 1000 < horizon - REMEMBER_SECONDS) forget(file);
  } catch {
    // Removed meanwhile.
  }
}

function forget(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Another worker removed it first.
  }
}
