import type { CannedResponse, ConversationSummary } from '@causette/shared';
import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';
import { cannedQuery, filterCanned } from '../../state/canned-filter.js';
import { cannedBySite } from '../../state/canned.js';
import { drafts } from '../../state/drafts.js';
import { isPending, isQueued } from '../../state/inbox.js';
import { agentTyping, sendMessage, stopTyping } from '../../state/realtime.js';
import { AttachButton, DropHint, pasteFiles, UploadStatus, useFileDrop } from '../Attach/Attach.js';
import { CannedPopup, optionId } from '../CannedPopup/CannedPopup.js';
import './Composer.css';

/** Reply or note, per chat: switching chats must not carry a note mode into a reply to a visitor. */
const noteMode = signal<Readonly<Record<string, boolean>>>({});

export function Composer({ conversation }: { conversation: ConversationSummary }) {
  const id = conversation.id;
  const text = drafts.drafts.value[id] ?? '';
  const note = noteMode.value[id] ?? false;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);

  const query = cannedQuery(text);
  const saved = cannedBySite.value[conversation.siteId] ?? [];
  const options = query === null ? [] : filterCanned(saved, query);
  const popupOpen = query !== null && saved.length > 0 && dismissedFor !== text;
  const listId = `canned-${id}`;

  useEffect(() => {
    textarea.current?.focus();
    setDismissedFor(null);
  }, [id]);
  useEffect(() => setActiveIndex(0), [query]);

  const drop = useFileDrop(id);

  const submit = () => {
    if (!text.trim()) return;
    sendMessage(id, text, note ? 'note' : 'text');
  };

  const choose = (item: CannedResponse) => {
    drafts.set(id, item.body);
    setDismissedFor(null);
    requestAnimationFrame(() => {
      const element = textarea.current;
      if (!element) return;
      element.focus();
      element.setSelectionRange(element.value.length, element.value.length);
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (popupOpen && options.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActiveIndex((activeIndex + step + options.length) % options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(options[Math.min(activeIndex, options.length - 1)]!);
        return;
      }
    }
    if (popupOpen && event.key === 'Escape') {
      event.preventDefault();
      setDismissedFor(text);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onInput = (event: Event) => {
    const value = (event.currentTarget as HTMLTextAreaElement).value;
    drafts.set(id, value);
    if (note || value === '') stopTyping();
    else agentTyping(id);
  };

  const toggleNote = () => {
    noteMode.value = { ...noteMode.value, [id]: !note };
    stopTyping();
    textarea.current?.focus();
  };

  return (
    <form
      class={`composer${note ? ' composer--note' : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      {...(note ? {} : drop.handlers)}
    >
      {drop.dragging && <DropHint />}
      <UploadStatus conversationId={id} />
      {popupOpen && (
        <CannedPopup
          id={listId}
          query={query}
          items={options}
          activeIndex={activeIndex}
          onChoose={choose}
          onHover={setActiveIndex}
        />
      )}
      <textarea
        ref={textarea}
        class="composer__input"
        data-test="composer"
        name="message"
        rows={3}
        value={text}
        aria-label={note ? t('composer.noteLabel') : t('composer.label')}
        placeholder={note ? t('composer.notePlaceholder') : t('composer.placeholder')}
        // A textarea keeps its own role (textbox; a combobox role is not allowed on it): the canned-answer list
        // is tied to it by aria-controls, and the highlighted answer is announced through aria-activedescendant.
        aria-autocomplete="list"
        aria-controls={popupOpen && options.length > 0 ? listId : undefined}
        aria-activedescendant={popupOpen && options.length > 0 ? optionId(listId, activeIndex) : undefined}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onPaste={(event) => !note && pasteFiles(id, event)}
        onBlur={stopTyping}
      />
      <div class="composer__bar">
        <label class="composer__toggle">
          <input type="checkbox" checked={note} onChange={toggleNote} data-test="note-toggle" />
          <span>{t('composer.noteToggle')}</span>
        </label>
        {!note && <AttachButton conversationId={id} />}
        {(isQueued(conversation) || isPending(conversation)) && !note && <span class="composer__hint">{t('composer.takeHint')}</span>}
        <button type="submit" class="button button--primary" data-test="send" disabled={!text.trim()}>
          {note ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
