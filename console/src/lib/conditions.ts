import { BOOLEAN_FIELDS, NUMBER_FIELDS, STRING_FIELDS, type Condition, type ConditionGroup, type InnerGroup } from '@causette/shared';

/**
 * The condition builder edits a draft tree whose inputs are plain strings, as the form holds them;
 * `buildConditions` turns it into the wire `ConditionGroup` and says what is wrong, row by row.
 */
export type Match = 'all' | 'any';
export type FieldType = 'string' | 'number' | 'boolean' | 'event' | 'list';
export type FieldName = (typeof STRING_FIELDS)[number] | (typeof NUMBER_FIELDS)[number] | (typeof BOOLEAN_FIELDS)[number] | 'event' | 'cart.skus';
export type FieldGroup = 'page' | 'source' | 'visitor' | 'behaviour' | 'cart' | 'events';
export type Operator = Condition['operator'];

export interface FieldInfo {
  name: FieldName;
  type: FieldType;
  group: FieldGroup;
  /** Unit shown after a number input. */
  unit?: 'seconds' | 'percent' | 'money';
}

/** In the order of the field select, grouped as a marketer thinks of them. */
export const FIELDS: readonly FieldInfo[] = [
  { name: 'page.path', type: 'string', group: 'page' },
  { name: 'page.url', type: 'string', group: 'page' },
  { name: 'page.title', type: 'string', group: 'page' },
  { name: 'referrer', type: 'string', group: 'source' },
  { name: 'utm.source', type: 'string', group: 'source' },
  { name: 'utm.medium', type: 'string', group: 'source' },
  { name: 'utm.campaign', type: 'string', group: 'source' },
  { name: 'visitor.type', type: 'string', group: 'visitor' },
  { name: 'visit_count', type: 'number', group: 'visitor' },
  { name: 'device', type: 'string', group: 'visitor' },
  { name: 'language', type: 'string', group: 'visitor' },
  { name: 'country', type: 'string', group: 'visitor' },
  { name: 'time_on_page', type: 'number', group: 'behaviour', unit: 'seconds' },
  { name: 'time_on_site', type: 'number', group: 'behaviour', unit: 'seconds' },
  { name: 'scroll_depth', type: 'number', group: 'behaviour', unit: 'percent' },
  { name: 'idle_time', type: 'number', group: 'behaviour', unit: 'seconds' },
  { name: 'session.page_views', type: 'number', group: 'behaviour' },
  { name: 'exit_intent', type: 'boolean', group: 'behaviour' },
  { name: 'cart.total', type: 'number', group: 'cart', unit: 'money' },
  { name: 'cart.items', type: 'number', group: 'cart' },
  { name: 'cart.skus', type: 'list', group: 'cart' },
  { name: 'event', type: 'event', group: 'events' },
];
export const FIELD_GROUPS: readonly FieldGroup[] = ['page', 'source', 'visitor', 'behaviour', 'cart', 'events'];

const OPERATORS: Record<FieldType, readonly Operator[]> = {
  string: ['equals', 'not_equals', 'contains', 'starts_with', 'matches'],
  number: ['gt', 'lt', 'eq', 'between'],
  boolean: ['is'],
  event: ['happened', 'not_happened'],
  list: ['contains'],
};

export function fieldInfo(name: FieldName): FieldInfo {
  return FIELDS.find((f) => f.name === name) ?? FIELDS[0]!;
}

export function operatorsFor(name: FieldName): readonly Operator[] {
  return OPERATORS[fieldInfo(name).type];
}

export interface ConditionRow {
  kind: 'condition';
  field: FieldName;
  operator: Operator;
  /** Text, number as typed, or 'true' / 'false'. */
  value: string;
  /** Upper bound of `between`. */
  value2: string;
  /** Minutes, for events. */
  within: string;
}
export interface GroupRow {
  kind: 'group';
  match: Match;
  conditions: ConditionRow[];
}
export type TreeItem = ConditionRow | GroupRow;
export interface ConditionTree {
  match: Match;
  items: TreeItem[];
}
/** [i] is a top-level item, [i, j] a condition inside group i. */
export type RowPath = readonly [number] | readonly [number, number];

const DEFAULT_VALUE: Record<FieldType, string> = { string: '', number: '', boolean: 'true', event: '', list: '' };

export function newCondition(field: FieldName = 'page.path'): ConditionRow {
  const type = fieldInfo(field).type;
  return { kind: 'condition', field, operator: OPERATORS[type][0]!, value: DEFAULT_VALUE[type], value2: '', within: type === 'event' ? '30' : '' };
}

/** Another field of the same type keeps what was typed; another type starts over with its own operators. */
export function changeField(row: ConditionRow, field: FieldName): ConditionRow {
  if (fieldInfo(field).type === fieldInfo(row.field).type) return { ...row, field };
  return newCondition(field);
}

export function changeOperator(row: ConditionRow, operator: Operator): ConditionRow {
  if (!operatorsFor(row.field).includes(operator)) return row;
  return { ...row, operator, value2: operator === 'between' ? row.value2 : '' };
}

export const emptyTree = (): ConditionTree => ({ match: 'all', items: [] });

export function addCondition(tree: ConditionTree, groupIndex?: number): ConditionTree {
  if (groupIndex === undefined) return { ...tree, items: [...tree.items, newCondition()] };
  return {
    ...tree,
    items: tree.items.map((item, i) => (i === groupIndex && item.kind === 'group' ? { ...item, conditions: [...item.conditions, newCondition()] } : item)),
  };
}

export function addGroup(tree: ConditionTree): ConditionTree {
  return { ...tree, items: [...tree.items, { kind: 'group', match: 'any', conditions: [newCondition()] }] };
}

export function updateRow(tree: ConditionTree, path: RowPath, change: (row: ConditionRow) => ConditionRow): ConditionTree {
  const [i, j] = path;
  return {
    ...tree,
    items: tree.items.map((item, index) => {
      if (index !== i) return item;
      if (item.kind === 'condition') return j === undefined ? change(item) : item;
      if (j === undefined) return item;
      return { ...item, conditions: item.conditions.map((row, k) => (k === j ? change(row) : row)) };
    }),
  };
}

export function setGroupMatch(tree: ConditionTree, groupIndex: number, match: Match): ConditionTree {
  return { ...tree, items: tree.items.map((item, i) => (i === groupIndex && item.kind === 'group' ? { ...item, match } : item)) };
}

/** Removing the last condition of a group removes the group: an empty group would match nothing sensible. */
export function removeRow(tree: ConditionTree, path: RowPath): ConditionTree {
  const [i, j] = path;
  const items = tree.items.flatMap((item, index): TreeItem[] => {
    if (index !== i) return [item];
    if (j === undefined || item.kind === 'condition') return [];
    const conditions = item.conditions.filter((_, k) => k !== j);
    return conditions.length ? [{ ...item, conditions }] : [];
  });
  return { ...tree, items };
}

/* ---------- wire ⇄ draft ---------- */

function rowFromCondition(condition: Condition): ConditionRow {
  const row = newCondition(condition.field as FieldName);
  return {
    ...row,
    operator: condition.operator,
    value: String(condition.value),
    value2: 'value2' in condition && condition.value2 !== undefined ? String(condition.value2) : '',
    within: 'withinMinutes' in condition ? String(condition.withinMinutes) : row.within,
  };
}

const isGroup = (c: Condition | InnerGroup): c is InnerGroup => 'match' in c;

export function treeFromConditions(group: ConditionGroup): ConditionTree {
  return {
    match: group.match,
    items: group.conditions.map((c) =>
      isGroup(c) ? { kind: 'group', match: c.match, conditions: c.conditions.map(rowFromCondition) } : rowFromCondition(c),
    ),
  };
}

/** What is wrong with one row; the editor turns the code into a sentence in the user's language. */
export type ConditionProblem =
  | { code: 'value_required' }
  | { code: 'not_a_number' }
  | { code: 'upper_required' }
  | { code: 'upper_below_lower' }
  | { code: 'invalid_regex'; detail: string }
  | { code: 'regex_backreference' }
  | { code: 'regex_lookaround' }
  | { code: 'within_range' }
  | { code: 'too_long' }
  | { code: 'empty_tree' };

/**
 * The constructs the server's linear-time engine (RE2) refuses although the browser's RegExp accepts them, said
 * before saving rather than after. The server remains the judge (it also caps a pattern's size).
 */
function notLinear(pattern: string): 'regex_backreference' | 'regex_lookaround' | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if ((next >= '1' && next <= '9') || (next === 'k' && pattern[i + 2] === '<')) return 'regex_backreference';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(' && /^\(\?<?[=!]/.test(pattern.slice(i, i + 4))) return 'regex_lookaround';
  }
  return null;
}

const parseNumber = (text: string): number | null => {
  if (text.trim() === '') return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
};

export function buildCondition(row: ConditionRow): { condition: Condition } | { problem: ConditionProblem } {
  const type = fieldInfo(row.field).type;
  switch (type) {
    case 'number': {
      if (row.value.trim() === '') return { problem: { code: 'value_required' } };
      const value = parseNumber(row.value);
      if (value === null) return { problem: { code: 'not_a_number' } };
      if (row.operator !== 'between') return { condition: { field: row.field, operator: row.operator, value } as Condition };
      if (row.value2.trim() === '') return { problem: { code: 'upper_required' } };
      const value2 = parseNumber(row.value2);
      if (value2 === null) return { problem: { code: 'not_a_number' } };
      if (value2 < value) return { problem: { code: 'upper_below_lower' } };
      return { condition: { field: row.field, operator: 'between', value, value2 } as Condition };
    }
    case 'boolean':
      return { condition: { field: row.field, operator: 'is', value: row.value === 'true' } as Condition };
    case 'event': {
      const name = row.value.trim();
      if (!name) return { problem: { code: 'value_required' } };
      if (name.length > 64) return { problem: { code: 'too_long' } };
      const within = parseNumber(row.within);
      if (within === null || !Number.isInteger(within) || within < 1 || within > 60 * 24 * 90) return { problem: { code: 'within_range' } };
      return { condition: { field: 'event', operator: row.operator, value: name, withinMinutes: within } as Condition };
    }
    case 'list': {
      const sku = row.value.trim();
      if (!sku) return { problem: { code: 'value_required' } };
      return { condition: { field: 'cart.skus', operator: 'contains', value: sku } };
    }
    case 'string': {
      if (row.value.length > 512) return { problem: { code: 'too_long' } };
      if (row.operator === 'matches') {
        if (row.value === '') return { problem: { code: 'value_required' } };
        try {
          new RegExp(row.value);
        } catch (err) {
          // Engines word it "Invalid regular expression: /x(/: Unterminated group"; the sentence already says the first part.
          const detail = (err instanceof Error ? err.message : String(err)).replace(/^invalid regular expression:\s*/i, '');
          return { problem: { code: 'invalid_regex', detail } };
        }
        const unsupported = notLinear(row.value);
        if (unsupported) return { problem: { code: unsupported } };
      } else if (row.value.trim() === '') {
        // "Page path is (empty)" is never what a marketer meant; an empty row is one they forgot to fill.
        return { problem: { code: 'value_required' } };
      }
      return { condition: { field: row.field, operator: row.operator, value: row.value } as Condition };
    }
  }
}

/** Problems are keyed by row path ("0", "1.2"), the same paths the server and the test results use. */
export function buildConditions(tree: ConditionTree): { group: ConditionGroup | null; problems: Record<string, ConditionProblem> } {
  const problems: Record<string, ConditionProblem> = {};
  if (tree.items.length === 0) return { group: null, problems: { '': { code: 'empty_tree' } } };
  const convert = (row: ConditionRow, key: string): Condition | null => {
    const built = buildCondition(row);
    if ('problem' in built) {
      problems[key] = built.problem;
      return null;
    }
    return built.condition;
  };
  const conditions = tree.items.map((item, i) =>
    item.kind === 'condition'
      ? convert(item, String(i))
      : { match: item.match, conditions: item.conditions.map((row, j) => convert(row, `${i}.${j}`)) as Condition[] },
  ) as ConditionGroup['conditions'];
  return Object.keys(problems).length ? { group: null, problems } : { group: { match: tree.match, conditions }, problems };
}
