// Which faults concern requests beyond the documented shapes: their probes live in mock-edge-faults.test.ts.
import type { FaultName } from '../../src/mock/faults.ts';

export const EDGE_FAULTS = ['unknown-route-500', 'path-decode-500', 'wrong-method-bare-405', 'query-breaks-route', 'any-method-served', 'chunked-past-limit-hangs', 'content-type-bare-415'] as const satisfies readonly FaultName[];

export type EdgeFault = (typeof EDGE_FAULTS)[number];

export const isEdgeFault = (name: string): name is EdgeFault => (EDGE_FAULTS as readonly string[]).includes(name);
