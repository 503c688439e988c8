import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildConditions, emptyTree, type ConditionTree } from '../../lib/conditions.js';
import { ConditionBuilder } from './ConditionBuilder.js';

let root: HTMLElement;
let latest: ConditionTree;

function Harness() {
  const [tree, setTree] = useState(emptyTree());
  latest = tree;
  return <ConditionBuilder tree={tree} onChange={setTree} />;
}

const rows = () => [...root.querySelectorAll<HTMLElement>('[data-test=condition]')];
const click = (el: Element) => act(() => (el as HTMLElement).click());
function choose(select: HTMLSelectElement, value: string) {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
function type(input: HTMLInputElement, value: string) {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const options = (select: HTMLSelectElement) => [...select.options].map((o) => o.value);

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<Harness />, root));
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

describe('ConditionBuilder', () => {
  it('groups the fields as a marketer thinks of them', () => {
    click(root.querySelector('[data-test=add-condition]')!);
    const groups = [...rows()[0]!.querySelectorAll('select[name=field] optgroup')].map((g) => g.getAttribute('label'));
    expect(groups).toEqual(['Page', 'Source', 'Visitor', 'Behaviour', 'Cart', 'Events']);
  });

  it('offers only the operators of the chosen field and the matching value inputs', () => {
    click(root.querySelector('[data-test=add-condition]')!);
    const row = () => rows()[0]!;
    choose(row().querySelector('select[name=field]')!, 'cart.total');
    expect(options(row().querySelector('select[name=operator]')!)).toEqual(['gt', 'lt', 'eq', 'between']);
    expect(row().querySelector<HTMLInputElement>('input[name=value]')!.type).toBe('number');
    expect(row().querySelector('input[name=value2]')).toBeNull();

    choose(row().querySelector('select[name=operator]')!, 'between');
    type(row().querySelector('input[name=value]')!, '50');
    type(row().querySelector('input[name=value2]')!, '120');
    expect(buildConditions(latest).group?.conditions).toEqual([{ field: 'cart.total', operator: 'between', value: 50, value2: 120 }]);

    choose(row().querySelector('select[name=field]')!, 'event');
    expect(options(row().querySelector('select[name=operator]')!)).toEqual(['happened', 'not_happened']);
    expect(row().querySelector('input[name=within]')).not.toBeNull();
    expect(row().querySelector('input[name=value2]')).toBeNull();

    choose(row().querySelector('select[name=field]')!, 'exit_intent');
    expect(row().querySelector<HTMLInputElement>('input[name=value]')!.type).toBe('checkbox');
  });

  it('builds an ANY group inside the top-level ALL', () => {
    click(root.querySelector('[data-test=add-condition]')!);
    type(rows()[0]!.querySelector('input[name=value]')!, '/checkout');
    click(root.querySelector('[data-test=add-group]')!);
    choose(root.querySelector<HTMLSelectElement>('[data-test=condition-group] select[name=group-match]')!, 'any');
    click(root.querySelector('[data-test=add-group-condition]')!);
    choose(rows()[1]!.querySelector('select[name=field]')!, 'utm.source');
    type(rows()[1]!.querySelector('input[name=value]')!, 'newsletter');
    choose(rows()[2]!.querySelector('select[name=field]')!, 'time_on_page');
    type(rows()[2]!.querySelector('input[name=value]')!, '30');
    expect(buildConditions(latest).group).toEqual({
      match: 'all',
      conditions: [
        { field: 'page.path', operator: 'equals', value: '/checkout' },
        {
          match: 'any',
          conditions: [
            { field: 'utm.source', operator: 'equals', value: 'newsletter' },
            { field: 'time_on_page', operator: 'gt', value: 30 },
          ],
        },
      ],
    });
    click(rows()[0]!.querySelector('[data-test=remove-condition]')!);
    expect(rows()).toHaveLength(2);
  });
});
