import { t, type MessageKey } from '../../i18n/i18n.js';
import {
  FIELD_GROUPS,
  FIELDS,
  addCondition,
  addGroup,
  changeField,
  changeOperator,
  fieldInfo,
  operatorsFor,
  removeRow,
  setGroupMatch,
  updateRow,
  type ConditionRow,
  type ConditionTree,
  type FieldName,
  type Match,
  type Operator,
  type RowPath,
} from '../../lib/conditions.js';
import './ConditionBuilder.css';

export interface ConditionBuilderProps {
  tree: ConditionTree;
  onChange: (tree: ConditionTree) => void;
  /** Messages keyed by row path ("0", "1.2"), or "" for the whole tree. */
  messages?: Readonly<Record<string, string>>;
}

/** The ALL / ANY tree, two levels deep, edited with selects: nobody types JSON. */
export function ConditionBuilder({ tree, onChange, messages = {} }: ConditionBuilderProps) {
  const edit = (path: RowPath, change: (row: ConditionRow) => ConditionRow) => onChange(updateRow(tree, path, change));
  return (
    <div class="conditions" data-test="condition-builder">
      <div class="conditions__head">
        <label class="conditions__match">
          {t('editor.conditions')}
          <MatchSelect name="match" value={tree.match} onChange={(match) => onChange({ ...tree, match })} />
        </label>
      </div>
      {tree.items.length === 0 && <p class="conditions__empty">{t('editor.noConditions')}</p>}
      <ol class="conditions__list">
        {tree.items.map((item, i) =>
          item.kind === 'condition' ? (
            <li key={i}>
              <ConditionRowEditor row={item} path={[i]} message={messages[String(i)]} onEdit={edit} onRemove={() => onChange(removeRow(tree, [i]))} />
            </li>
          ) : (
            <li key={i} class="conditions__group" data-test="condition-group">
              <div class="conditions__group-head">
                <label class="conditions__match">
                  {t('editor.groupMatch')}
                  <MatchSelect name="group-match" value={item.match} onChange={(match) => onChange(setGroupMatch(tree, i, match))} />
                </label>
              </div>
              <ol class="conditions__list">
                {item.conditions.map((row, j) => (
                  <li key={j}>
                    <ConditionRowEditor
                      row={row}
                      path={[i, j]}
                      message={messages[`${i}.${j}`]}
                      onEdit={edit}
                      onRemove={() => onChange(removeRow(tree, [i, j]))}
                    />
                  </li>
                ))}
              </ol>
              <button type="button" class="button button--ghost conditions__add" data-test="add-group-condition" onClick={() => onChange(addCondition(tree, i))}>
                + {t('editor.addToGroup')}
              </button>
            </li>
          ),
        )}
      </ol>
      {messages[''] && (
        <p class="field-error" role="alert">
          {messages['']}
        </p>
      )}
      <div class="conditions__actions">
        <button type="button" class="button" data-test="add-condition" onClick={() => onChange(addCondition(tree))}>
          + {t('editor.addCondition')}
        </button>
        <button type="button" class="button button--ghost" data-test="add-group" onClick={() => onChange(addGroup(tree))}>
          + {t('editor.addGroup')}
        </button>
      </div>
    </div>
  );
}

function MatchSelect({ name, value, onChange }: { name: string; value: Match; onChange: (match: Match) => void }) {
  return (
    <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value as Match)}>
      <option value="all">{t('editor.matchAll')}</option>
      <option value="any">{t('editor.matchAny')}</option>
    </select>
  );
}

interface RowProps {
  row: ConditionRow;
  path: RowPath;
  message: string | undefined;
  onEdit: (path: RowPath, change: (row: ConditionRow) => ConditionRow) => void;
  onRemove: () => void;
}

function ConditionRowEditor({ row, path, message, onEdit, onRemove }: RowProps) {
  const info = fieldInfo(row.field);
  const key = path.join('.');
  const errorId = `condition-error-${key}`;
  const set = (patch: Partial<ConditionRow>) => onEdit(path, (r) => ({ ...r, ...patch }));
  const describedBy = message ? errorId : undefined;
  const place = t('editor.condition', { path: path.map((n) => n + 1).join('.') });
  return (
    <div class={`condition${message ? ' has-error' : ''}`} data-test="condition" data-path={key} role="group" aria-label={place}>
      <div class="condition__inputs">
        <select name="field" aria-label={t('editor.field')} value={row.field} onChange={(e) => onEdit(path, (r) => changeField(r, e.currentTarget.value as FieldName))}>
          {FIELD_GROUPS.map((group) => (
            <optgroup key={group} label={t(`fieldGroup.${group}` as MessageKey)}>
              {FIELDS.filter((f) => f.group === group).map((f) => (
                <option key={f.name} value={f.name}>
                  {t(`field.${f.name}` as MessageKey)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <select
          name="operator"
          aria-label={t('editor.operator')}
          value={row.operator}
          onChange={(e) => onEdit(path, (r) => changeOperator(r, e.currentTarget.value as Operator))}
        >
          {operatorsFor(row.field).map((op) => (
            <option key={op} value={op}>
              {t(`op.${op}` as MessageKey)}
            </option>
          ))}
        </select>
        {info.type === 'boolean' ? (
          <label class="condition__check">
            <input
              type="checkbox"
              name="value"
              checked={row.value === 'true'}
              aria-describedby={describedBy}
              onChange={(e) => set({ value: e.currentTarget.checked ? 'true' : 'false' })}
            />
            {t('editor.yes')}
          </label>
        ) : (
          <input
            name="value"
            type={info.type === 'number' ? 'number' : 'text'}
            inputMode={info.type === 'number' ? 'decimal' : undefined}
            step={info.type === 'number' ? 'any' : undefined}
            aria-label={info.type === 'event' ? t('field.event') : t('editor.value')}
            aria-invalid={message ? true : undefined}
            aria-describedby={describedBy}
            value={row.value}
            placeholder={placeholderFor(row)}
            list={row.field === 'visitor.type' ? 'visitor-types' : undefined}
            onInput={(e) => set({ value: e.currentTarget.value })}
          />
        )}
        {row.operator === 'between' && (
          <>
            <span class="condition__joiner">{t('editor.value2')}</span>
            <input
              name="value2"
              type="number"
              step="any"
              inputMode="decimal"
              aria-label={t('editor.value2')}
              aria-describedby={describedBy}
              value={row.value2}
              onInput={(e) => set({ value2: e.currentTarget.value })}
            />
          </>
        )}
        {info.type === 'event' && (
          <label class="condition__within">
            {t('editor.within')}
            <input name="within" type="number" min={1} step={1} aria-describedby={describedBy} value={row.within} onInput={(e) => set({ within: e.currentTarget.value })} />
          </label>
        )}
        <button type="button" class="button button--ghost condition__remove" data-test="remove-condition" aria-label={`${t('editor.remove')}: ${place}`} onClick={onRemove}>
          ×
        </button>
      </div>
      {message && (
        <p class="field-error" id={errorId} data-test="field-error">
          {message}
        </p>
      )}
      {row.field === 'visitor.type' && (
        <datalist id="visitor-types">
          <option value="new" />
          <option value="returning" />
        </datalist>
      )}
    </div>
  );
}

function placeholderFor(row: ConditionRow): string {
  if (row.operator === 'matches') return '^/checkout';
  if (row.field === 'page.path') return '/checkout';
  if (row.field === 'event') return 'add_to_cart';
  return '';
}
