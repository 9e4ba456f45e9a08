// The operation × rule matrix of the generated checks: for each operation of the spec (rows) and
// each requirement its tests prove (columns), what the tests of that requirement found on that
// operation. Built from the report alone (each test's `operations`), so it needs nothing else from
// a run.
import { judgeRequirement } from './collect.ts';
import { chip, esc } from './html-kit.ts';
import type { ConformanceReport, RequirementStatus } from './types.ts';

export type OperationMatrix = {
  operations: string[];
  requirements: string[];
  /** `cells[operation][requirement]`: absent when no test covers that pair. */
  cells: Record<string, Record<string, RequirementStatus>>;
};

export function operationMatrix(report: Pick<ConformanceReport, 'requirements'>): OperationMatrix {
  const operations: string[] = [];
  const requirements: string[] = [];
  const cells: OperationMatrix['cells'] = {};
  for (const requirement of report.requirements) {
    const byOperation = new Map<string, typeof requirement.tests>();
    for (const t of requirement.tests) {
      // A test's outcome on one operation, judged as a test of its own would be.
      for (const [operation, status] of Object.entries(t.operations ?? {})) byOperation.set(operation, [...(byOperation.get(operation) ?? []), { ...t, status }]);
    }
    if (byOperation.size > 0) requirements.push(requirement.id);
    for (const [operation, tests] of byOperation) {
      if (!operations.includes(operation)) operations.push(operation);
      (cells[operation] ??= {})[requirement.id] = judgeRequirement(requirement, tests).status;
    }
  }
  return { operations, requirements, cells };
}

/** The matrix as an HTML section, or nothing when no test names an operation. */
export function operationMatrixSection(report: Pick<ConformanceReport, 'requirements'>): string {
  const m = operationMatrix(report);
  if (m.operations.length === 0) return '';
  const head = `<tr><th>operation</th>${m.requirements.map((r) => `<th class="small">${esc(r)}</th>`).join('')}</tr>`;
  const rows = m.operations.map((op) => {
    const cells = m.requirements.map((r) => {
      const status = m.cells[op]?.[r];
      return `<td>${status === undefined ? '<span class="small">—</span>' : chip(status)}</td>`;
    });
    return `<tr><td class="id"><code>${esc(op)}</code></td>${cells.join('')}</tr>`;
  });
  return `<h2 id="operations">Generated checks: operation × rule</h2><div style="overflow-x:auto"><table>${head}${rows.join('')}</table></div>`;
}
