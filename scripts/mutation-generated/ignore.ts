// Which mutants are left out before any test runs, and why: a StrykerJS ignorer over the mock's
// syntax tree. Code a client of a mock that runs without faults cannot observe: the fault
// catalog's switches (`fault === 'name'` is false in every run, so whatever it guards never runs),
// the text of error messages (the contract's `message` is any string), and the code config.ts
// names (stats, startup, options off). And the mock's reading switches (`readings.is('choice',
// 'reading')`, specs/open-choices.yaml): a mutant of one only moves the mock to another documented
// reading, and code under a reading the mock does not take by default runs only there. Those are
// classed "open choice <id>": no sharper check may kill them, and the false-alarm gate
// (npm run gate:readings) runs every reading instead.
import type { ExcludedCode } from './config.ts';

/** The few members of Babel's NodePath the ignorer reads (the API types it as an empty interface). */
export type AstNode = {
  type: string;
  start?: number | null;
  end?: number | null;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null;
  [key: string]: unknown;
};
export type AstPath = {
  node: AstNode;
  parentPath: AstPath | null;
  key: string | number | null;
  listKey?: string | null;
  hub?: { file?: { opts?: { filename?: string }; code?: string } };
};

/** An open choice of the register: its id and the reading the mock takes by default. */
export type ChoiceDefaults = ReadonlyMap<string, string>;

/** The reason a mutant of a reading switch, or of code only another reading reaches, is left out. */
export const openChoiceReason = (choice: string, what: string): string => `open choice ${choice}: ${what}; the false-alarm gate (npm run gate:readings) runs every reading`;

/** `<anything>.is('<choice>', '<reading>')` on a choice of the register: the choice, and whether it holds by default. */
export function readingSwitch(node: unknown, defaults: ChoiceDefaults): { choice: string; byDefault: boolean } | undefined {
  if (!isNode(node) || node.type !== 'CallExpression') return undefined;
  const callee = node.callee;
  if (!isNode(callee) || callee.type !== 'MemberExpression' || !isNode(callee.property) || callee.property.name !== 'is') return undefined;
  const [choice, reading] = (node.arguments as unknown[] | undefined) ?? [];
  if (!isNode(choice) || choice.type !== 'StringLiteral' || !isNode(reading) || reading.type !== 'StringLiteral') return undefined;
  const byDefault = defaults.get(choice.value as string);
  return byDefault === undefined ? undefined : { choice: choice.value as string, byDefault: byDefault === reading.value };
}

/** What the walk learns about each visited node, by location, for naming and filtering mutants. */
export type NodeFacts = {
  /** The enclosing function, method (`Class.method`) or `<module>`. */
  scope: string;
  /** A fault switch: the value it always has when no fault is on. */
  offValue?: boolean;
};

export const collapse = (code: string): string => code.replace(/\s+/g, ' ').trim();

/** `line:column-line:column` of a node, lines from 0 as Stryker's mutant locations count them. */
export function locationKey(loc: NonNullable<AstNode['loc']>, lineBase = 1): string {
  return `${loc.start.line - lineBase}:${loc.start.column}-${loc.end.line - lineBase}:${loc.end.column}`;
}

const isNode = (value: unknown): value is AstNode => typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';

function isFaultRef(node: unknown): boolean {
  if (!isNode(node)) return false;
  if (node.type === 'Identifier') return node.name === 'fault';
  return node.type === 'MemberExpression' && isNode(node.property) && node.property.type === 'Identifier' && node.property.name === 'fault';
}

/** `fault === 'name'` (or `!==`, either side), naming a fault of the catalog. */
function faultComparison(node: AstNode, faults: ReadonlySet<string>): '===' | '!==' | undefined {
  if (node.type !== 'BinaryExpression' || (node.operator !== '===' && node.operator !== '!==')) return undefined;
  const names = (side: unknown) => isNode(side) && side.type === 'StringLiteral' && faults.has(side.value as string);
  const matches = (isFaultRef(node.left) && names(node.right)) || (isFaultRef(node.right) && names(node.left));
  return matches ? (node.operator as '===' | '!==') : undefined;
}

/**
 * `….readings.is('choice', 'reading')` or `….readings.of('choice')` (src/mock/readings.ts): the
 * choice and, for `is`, the reading it asks about.
 */
export function readingCall(node: unknown, method: 'is' | 'of'): { choice: string; reading?: string } | undefined {
  if (!isNode(node) || node.type !== 'CallExpression') return undefined;
  const callee = node.callee;
  if (!isNode(callee) || callee.type !== 'MemberExpression' || !isNode(callee.property) || callee.property.name !== method) return undefined;
  const owner = callee.object;
  const named = isNode(owner) && ((owner.type === 'Identifier' && owner.name === 'readings') || (owner.type === 'MemberExpression' && isNode(owner.property) && owner.property.name === 'readings'));
  const args = (node.arguments ?? []) as unknown[];
  const text = (i: number) => (isNode(args[i]) && args[i].type === 'StringLiteral' ? (args[i].value as string) : undefined);
  const choice = text(0);
  if (!named || choice === undefined) return undefined;
  return method === 'is' ? (text(1) === undefined ? undefined : { choice, reading: text(1) }) : { choice };
}


/**
 * The value an expression always has when no fault is on and the mock takes the default reading
 * of every open choice (`defaults`: choice → its first reading), if a switch decides it.
 */
export function offValue(node: unknown, faults: ReadonlySet<string>, defaults?: ReadonlyMap<string, string>): boolean | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'ParenthesizedExpression' || node.type === 'TSAsExpression') return offValue(node.expression, faults, defaults);
  const comparison = faultComparison(node, faults);
  if (comparison) return comparison === '!==';
  const reading = defaults && readingCall(node, 'is');
  if (reading && defaults?.has(reading.choice)) return defaults.get(reading.choice) === reading.reading;
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const inner = offValue(node.argument, faults, defaults);
    return inner === undefined ? undefined : !inner;
  }
  if (node.type !== 'LogicalExpression') return undefined;
  const [left, right] = [offValue(node.left, faults, defaults), offValue(node.right, faults, defaults)];
  if (node.operator === '&&' && (left === false || right === false)) return false;
  if (node.operator === '||' && (left === true || right === true)) return true;
  return undefined;
}

/** The value an expression has under the mock's default readings, and the choice deciding it, if a reading switch does. */
export function defaultReading(node: unknown, defaults: ChoiceDefaults): { value: boolean; choice: string } | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'ParenthesizedExpression' || node.type === 'TSAsExpression') return defaultReading(node.expression, defaults);
  const single = readingSwitch(node, defaults);
  if (single) return { value: single.byDefault, choice: single.choice };
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const inner = defaultReading(node.argument, defaults);
    return inner && { value: !inner.value, choice: inner.choice };
  }
  if (node.type !== 'LogicalExpression') return undefined;
  const [left, right] = [defaultReading(node.left, defaults), defaultReading(node.right, defaults)];
  const settles = (side: typeof left, value: boolean) => (side?.value === value ? side : undefined);
  if (node.operator === '&&') return settles(left, false) ?? settles(right, false);
  if (node.operator === '||') return settles(left, true) ?? settles(right, true);
  return undefined;
}

function className(path: AstPath): string {
  const owner = path.parentPath?.parentPath?.node;
  const id = owner?.id;
  return isNode(id) && id.type === 'Identifier' ? (id.name as string) : '<class>';
}

/** The name config.ts uses for a function-like node, if it has one. */
export function functionName(path: AstPath): string | undefined {
  const { node } = path;
  const id = (value: unknown) => (isNode(value) && value.type === 'Identifier' ? (value.name as string) : undefined);
  if (node.type === 'FunctionDeclaration') return id(node.id);
  if (node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod') return `${className(path)}.${id(node.key) ?? '?'}`;
  if ((node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') && path.parentPath?.node.type === 'VariableDeclarator') {
    return id(path.parentPath.node.id);
  }
  return undefined;
}

function scopeOf(path: AstPath): string {
  for (let p: AstPath | null = path; p; p = p.parentPath) {
    const name = functionName(p);
    if (name) return name;
  }
  return '<module>';
}

/** Fault-switch values of a branching node's parts, read before Stryker rewrites its children; and reading-switch values. */
type Reading = { value: boolean; choice: string } | undefined;
type BranchFacts = { test?: boolean; left?: boolean; right?: boolean; readings?: { test?: Reading; left?: Reading; right?: Reading } };

function branchFacts(node: AstNode, faults: ReadonlySet<string>, defaults: ChoiceDefaults): BranchFacts | undefined {
  if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') return { test: offValue(node.test, faults), readings: { test: defaultReading(node.test, defaults) } };
  if (node.type === 'LogicalExpression') return { left: offValue(node.left, faults), right: offValue(node.right, faults), readings: { left: defaultReading(node.left, defaults), right: defaultReading(node.right, defaults) } };
  return undefined;
}

/** Why a branch only another reading reaches (or one a reading switch beside it settles) is an open choice, or undefined. */
function readingOnlyBranch(path: AstPath, parentFacts: BranchFacts | undefined): string | undefined {
  const parent = path.parentPath?.node;
  const readings = parentFacts?.readings;
  if (!parent || !readings) return undefined;
  if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') {
    const test = readings.test;
    if (test && ((path.key === 'consequent' && !test.value) || (path.key === 'alternate' && test.value))) return openChoiceReason(test.choice, 'runs only under a reading the mock does not take by default');
  }
  if (parent.type === 'LogicalExpression' && (path.key === 'left' || path.key === 'right')) {
    const other = path.key === 'left' ? readings.right : readings.left;
    if (other && ((parent.operator === '&&' && !other.value) || (parent.operator === '||' && other.value))) return openChoiceReason(other.choice, 'decides nothing under the default readings: a reading switch beside it settles the condition');
  }
  return undefined;
}

/**
 * A case of `switch (….readings.of('choice'))` that only another reading reaches: one for another
 * reading, or `default:` beside a case for the default reading.
 */
function otherReadingCase(path: AstPath, defaults: ReadonlyMap<string, string> | undefined): string | undefined {
  const parent = path.parentPath?.node;
  if (!defaults || path.node.type !== 'SwitchCase' || parent?.type !== 'SwitchStatement') return undefined;
  const call = readingCall(parent.discriminant, 'of');
  const taken = call && defaults.get(call.choice);
  if (call === undefined || taken === undefined) return undefined;
  const test = path.node.test;
  const cases = (parent.cases ?? []) as AstNode[];
  const other = isNode(test) ? test.type === 'StringLiteral' && test.value !== taken : cases.some((c) => isNode(c.test) && c.test.type === 'StringLiteral' && c.test.value === taken);
  return other ? openChoiceReason(call.choice, 'runs only under a reading the mock does not take by default') : undefined;
}

/** Why a branch only a fault reaches is left out, or undefined. */
function faultOnlyBranch(path: AstPath, parentFacts: BranchFacts | undefined): string | undefined {
  const parent = path.parentPath?.node;
  if (!parent || !parentFacts) return undefined;
  if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') {
    const off = parentFacts.test;
    if ((path.key === 'consequent' && off === false) || (path.key === 'alternate' && off === true)) return 'runs only when a fault switch is on; no fault is on in these runs';
  }
  if (parent.type === 'LogicalExpression' && (path.key === 'left' || path.key === 'right')) {
    const off = path.key === 'left' ? parentFacts.right : parentFacts.left;
    if ((parent.operator === '&&' && off === false) || (parent.operator === '||' && off === true)) {
      return 'decides nothing: a fault switch beside it settles the condition when no fault is on';
    }
  }
  return undefined;
}

/** The text of an error (apiError's second argument): the contract gives `message` no wording. */
function errorMessage(path: AstPath): string | undefined {
  const call = path.parentPath?.node;
  if (path.listKey !== 'arguments' || path.key !== 1 || call?.type !== 'CallExpression') return undefined;
  const callee = call.callee;
  return isNode(callee) && callee.type === 'Identifier' && callee.name === 'apiError' ? "an error's message text: the contract types it as any string and gives it no wording" : undefined;
}

/**
 * The ignorer Stryker calls on every node it enters (until one is ignored: its subtree goes with
 * it). `facts` collects, for every node it sees, its scope and fault-switch value.
 */
export class MockIgnorer {
  readonly facts = new Map<string, Map<string, NodeFacts>>();
  /** config.ts entries that matched something: the others are stale. */
  readonly used = new Set<ExcludedCode>();
  // Stryker places a node's mutants when it leaves the node, so a sibling may already be rewritten
  // when the next one is entered: branch facts are taken when the branching node is entered.
  private readonly branches = new WeakMap<AstNode, BranchFacts>();

  constructor(
    private readonly faults: ReadonlySet<string>,
    private readonly excluded: readonly ExcludedCode[],
    private readonly relativeName: (absolute: string) => string,
    /** The register's choices and the mock's default reading of each. */
    private readonly defaults: ChoiceDefaults = new Map(),
  ) {}

  shouldIgnore(untypedPath: unknown): string | undefined {
    const path = untypedPath as AstPath;
    const file = this.relativeName(path.hub?.file?.opts?.filename ?? '');
    this.record(file, path);
    const { node } = path;
    const facts = branchFacts(node, this.faults, this.defaults);
    if (facts) this.branches.set(node, facts);
    if (node.type === 'StringLiteral' && this.faults.has(node.value as string)) return 'names a fault of the catalog; no fault is on in these runs';
    const flip = readingSwitch(node, this.defaults);
    if (flip) return openChoiceReason(flip.choice, 'a mutant of this reading switch moves the mock to another documented reading');
    const asked = readingCall(node, 'of');
    if (asked) return openChoiceReason(asked.choice, 'names the choice whose reading the mock looks up');
    // `x && reading` (or `||`): its operator mutated, the reading's answer comes where `x` alone decided, another reading again.
    const beside = node.type === 'LogicalExpression' ? (readingSwitch(node.left, this.defaults) ?? readingSwitch(node.right, this.defaults)) : undefined;
    if (beside) return openChoiceReason(beside.choice, 'the condition around a reading switch: mutated, the mock answers as another reading where the rest of it holds');
    const parent = path.parentPath?.node;
    const parentFacts = parent && this.branches.get(parent);
    return otherReadingCase(path, this.defaults) ?? faultOnlyBranch(path, parentFacts) ?? readingOnlyBranch(path, parentFacts) ?? errorMessage(path) ?? this.configured(file, path);
  }

  private record(file: string, path: AstPath): void {
    if (!path.node.loc) return;
    let byLocation = this.facts.get(file);
    if (!byLocation) this.facts.set(file, (byLocation = new Map()));
    byLocation.set(locationKey(path.node.loc), { scope: scopeOf(path), offValue: offValue(path.node, this.faults, this.defaults) });
  }

  private configured(file: string, path: AstPath): string | undefined {
    const code = path.hub?.file?.code;
    for (const entry of this.excluded) {
      if (entry.file !== file) continue;
      const hit = 'function' in entry
        ? functionName(path) === entry.function
        : code !== undefined && path.node.start != null && path.node.end != null && collapse(code.slice(path.node.start, path.node.end)).startsWith(collapse(entry.code));
      if (hit) {
        this.used.add(entry);
        return entry.reason;
      }
    }
    return undefined;
  }
}
