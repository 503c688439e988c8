import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';

/** The recovery codes, shown once: the agent copies or downloads them, then says they have them. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n');
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`Causette recovery codes\n\n${text}\n`)}`;
  return (
    <section class="two-factor__codes" aria-labelledby="recovery-title">
      <h3 id="recovery-title">{t('account.recoveryTitle')}</h3>
      <p class="hint">{t('account.recoveryExplain')}</p>
      <ul class="two-factor__code-list" data-test="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div class="two-factor__actions">
        <button
          type="button"
          class="button"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {t('account.copy')}
        </button>
        <a class="button" href={download} download="causette-recovery-codes.txt">
          {t('account.download')}
        </a>
        <button type="button" class="button button--primary" onClick={onDone} data-test="recovery-saved">
          {t('account.savedCodes')}
        </button>
        {copied && <span role="status">{t('account.copied')}</span>}
      </div>
    </section>
  );
}
