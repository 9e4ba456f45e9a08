// Which faults belong to a chat's life after creation: their probes live in mock-life-faults.test.ts.
import type { FaultName } from '../../src/mock/faults.ts';

const PREFIXES = ['typing', 'mark-read', 'rename', 'participant', 'leave', 'react', 'edit', 'line-4099'] as const;

export type LifeFault = Extract<FaultName, `${(typeof PREFIXES)[number]}-${string}`>;

export const isLifeFault = (name: string): name is LifeFault => PREFIXES.some((prefix) => name.startsWith(`${prefix}-`));
