import type { CannedResponse } from '@causette/shared';
import { t } from '../../i18n/i18n.js';
import './CannedPopup.css';

interface Props {
  id: string;
  query: string;
  items: readonly CannedResponse[];
  activeIndex: number;
  onChoose: (item: CannedResponse) => void;
  onHover: (index: number) => void;
}

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The listbox half of the composer's combobox; the textarea keeps focus and drives it with the keyboard. */
export function CannedPopup({ id, query, items, activeIndex, onChoose, onHover }: Props) {
  return (
    <div class="canned">
      <div class="canned__title">{t('canned.label')}</div>
      {items.length === 0 ? (
        <p class="canned__empty">{t('canned.none', { query })}</p>
      ) : (
        <ul id={id} role="listbox" aria-label={t('canned.label')} class="canned__list">
          {items.map((item, index) => (
            <li
              key={item.id}
              id={optionId(id, index)}
              role="option"
              aria-selected={index === activeIndex}
              class={`canned__option${index === activeIndex ? ' is-active' : ''}`}
              data-test="canned-option"
              // mousedown, not click: the textarea must not lose focus before the choice lands.
              onMouseDown={(event) => {
                event.preventDefault();
                onChoose(item);
              }}
              onMouseEnter={() => onHover(index)}
            >
              <span class="canned__shortcut">/{item.shortcut}</span>
              <span class="canned__body">{item.body}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
