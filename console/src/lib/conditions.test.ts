import { describe, expect, it } from 'vitest';
import {
  addCondition,
  addGroup,
  buildConditions,
  changeField,
  changeOperator,
  emptyTree,
  newCondition,
  operatorsFor,
  removeRow,
  setGroupMatch,
  treeFromConditions,
  updateRow,
  type ConditionTree,
} from './conditions.js';

describe('operators per field', () => {
  it('offers text operators for text fields, comparisons for numbers, and one choice where only one makes sense', () => {
    expect(operatorsFor('page.path')).toEqual(['equals', 'not_equals', 'contains', 'starts_with', 'matches']);
    expect(operatorsFor('cart.total')).toEqual(['gt', 'lt', 'eq', 'between']);
    expect(operatorsFor('exit_intent')).toEqual(['is']);
    expect(operatorsFor('event')).toEqual(['happened', 'not_happened']);
    expect(operatorsFor('cart.skus')).toEqual(['contains']);
  });

  it('keeps what was typed when switching to a field of the same type, starts over for another type', () => {
    const row = { ...newCondition('page.path'), operator: 'starts_with' as const, value: '/checkout' };
    expect(changeField(row, 'page.url')).toMatchObject({ field: 'page.url', operator: 'starts_with', value: '/checkout' });
    expect(changeField(row, 'time_on_page')).toMatchObject({ field: 'time_on_page', operator: 'gt', value: '' });
    expect(changeField(row, 'exit_intent')).toMatchObject({ operator: 'is', value: 'true' });
  });

  it('refuses an operator the field does not support', () => {
    const row = newCondition('cart.total');
    expect(changeOperator(row, 'matches')).toBe(row);
    expect(changeOperator(row, 'between').operator).toBe('between');
  });
});

describe('building the tree', () => {
  it('produces the two-level ALL / ANY group the server expects', () => {
    let tree: ConditionTree = addCondition(emptyTree());
    tree = updateRow(tree, [0], (r) => ({ ...changeField(r, 'cart.total'), value: '80' }));
    tree = addGroup(tree);
    tree = updateRow(tree, [1, 0], (r) => ({ ...r, operator: 'starts_with', value: '/checkout' }));
    tree = addCondition(tree, 1);
    tree = updateRow(tree, [1, 1], (r) => changeField(r, 'exit_intent'));
    tree = setGroupMatch(tree, 1, 'any');
    expect(buildConditions(tree)).toEqual({
      group: {
        match: 'all',
        conditions: [
          { field: 'cart.total', operator: 'gt', value: 80 },
          {
            match: 'any',
            conditions: [
              { field: 'page.path', operator: 'starts_with', value: '/checkout' },
              { field: 'exit_intent', operator: 'is', value: true },
            ],
          },
        ],
      },
      problems: {},
    });
  });

  it('reads back a saved tree the same way it was written', () => {
    const saved = {
      match: 'any' as const,
      conditions: [
        { field: 'scroll_depth' as const, operator: 'between' as const, value: 25, value2: 75 },
        { match: 'all' as const, conditions: [{ field: 'event' as const, operator: 'happened' as const, value: 'add_to_cart', withinMinutes: 15 }] },
      ],
    };
    expect(buildConditions(treeFromConditions(saved)).group).toEqual(saved);
  });

  it('drops a group with its last condition', () => {
    const tree = addGroup(addCondition(emptyTree()));
    expect(removeRow(tree, [1, 0]).items).toHaveLength(1);
  });

  it('says which row is wrong and why', () => {
    let tree: ConditionTree = addCondition(addCondition(addCondition(emptyTree())));
    tree = updateRow(tree, [0], (r) => ({ ...r, operator: 'matches', value: '(unclosed' }));
    tree = updateRow(tree, [1], (r) => ({ ...changeOperator(changeField(r, 'cart.total'), 'between'), value: '50' }));
    tree = updateRow(tree, [2], (r) => ({ ...changeField(r, 'event'), value: 'purchase', within: '0' }));
    const { group, problems } = buildConditions(tree);
    expect(group).toBeNull();
    expect(problems['0']).toMatchObject({ code: 'invalid_regex' });
    expect(problems['1']).toEqual({ code: 'upper_required' });
    expect(problems['2']).toEqual({ code: 'within_range' });
    expect(buildConditions(emptyTree()).problems).toEqual({ '': { code: 'empty_tree' } });
    // The sentence already says "Invalid regular expression"; the detail only adds the engine's reason.
    expect((problems['0'] as { detail: string }).detail).not.toMatch(/^invalid regular expression/i);
    // A row left empty is a row the marketer forgot, not "path is (empty)".
    expect(buildConditions(addCondition(emptyTree())).problems).toEqual({ '0': { code: 'value_required' } });
  });

  it('refuses before saving what the server’s linear-time engine cannot run, though the browser can', () => {
    const problemOf = (value: string) => buildConditions(updateRow(addCondition(emptyTree()), [0], (r) => ({ ...r, operator: 'matches', value }))).problems['0'];
    expect(problemOf('(a)\\1')).toEqual({ code: 'regex_backreference' });
    expect(problemOf('(?<n>a)\\k<n>')).toEqual({ code: 'regex_backreference' });
    expect(problemOf('/cart(?!/done)')).toEqual({ code: 'regex_lookaround' });
    expect(problemOf('(?<=shop)/cart')).toEqual({ code: 'regex_lookaround' });
    // Escaped or inside a class, the same characters are literal.
    expect(problemOf('\\(?=x')).toBeUndefined();
    expect(problemOf('[(?=]x')).toBeUndefined();
    expect(problemOf('^/(cart|checkout)$')).toBeUndefined();
  });
});
