import { reactive } from '../reactive';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/features';
import { MAX_BODY } from '../../state/messages';
import { requestFocus, takeFocusRequest } from '../../state/panel';
import { prechatErrors, prechatForm, prechatValues, submitPrechat, takeBackRefused, type PrechatValues } from '../../state/prechat';
import { site } from '../../state/session';
import { wake } from '../../transport/socket';

/** A label with "(required)" said and shown, not only an asterisk. */
const Label = ({ text, required, at }: { text: string; required: boolean; at: string }) => (
  <label for={"cz-pc-" + at}>
    {text}
    {required && <span class="rq"> {t('requiredMark')}</span>}
  </label>
);

/**
 * The pre-chat form: name, email, topic (team) and the site's own questions, with the first message, in one
 * step. Each refused answer says why under its input (described-by, announced), and the first one takes focus.
 */
export const Prechat = reactive(function Prechat() {
  const form = prechatForm.value!;
  const v = prechatValues.value;
  const errors = prechatErrors.value;
  const teams = form.askTeam ? (site.value?.teams ?? []) : [];
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Back because the server refused the first message: the text is in the form again, which takes the focus.
    const refused = takeBackRefused();
    if (takeFocusRequest() || refused) ref.current!.querySelector<HTMLElement>(refused ? '[name=message]' : 'input,select,textarea')?.focus();
    // Sent: the composer that replaces the form takes the focus it had, rather than the page.
    return () => {
      const el = ref.current;
      if (el?.contains((el.getRootNode() as ShadowRoot).activeElement)) requestFocus();
    };
  }, []);
  const set = (patch: Partial<PrechatValues>) => {
    prechatValues.value = { ...prechatValues.peek(), ...patch };
    wake();
  };
  /** The attributes every input shares: its error described and flagged. */
  const aria = (key: string) => ({
    id: 'cz-pc-' + key,
    'aria-invalid': errors[key] ? ('true' as const) : undefined,
    'aria-describedby': errors[key] ? 'cz-pc-' + key + '-e' : undefined,
  });
  const error = (key: string) =>
    errors[key] && (
      <span class="er" id={'cz-pc-' + key + '-e'} data-part="prechat-error">
        {errors[key]}
      </span>
    );
  return (
    <form
      ref={ref}
      class="o"
      data-part="prechat-form"
      aria-labelledby="cz-pc"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // Once the errors are drawn: the first refused answer takes the focus, its error read with it.
        if (!submitPrechat()) setTimeout(() => ref.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus());
      }}
    >
      <p id="cz-pc">{t('prechatIntro')}</p>
      {form.name !== 'off' && (
        <div class="f">
          <Label at="name" text={t('yourName')} required={form.name === 'required'} />
          <input {...aria('name')} name="name" autocomplete="name" maxLength={128} required={form.name === 'required'} value={v.name} onInput={(e) => set({ name: e.currentTarget.value })} />
          {error('name')}
        </div>
      )}
      {form.email !== 'off' && (
        <div class="f">
          <Label at="email" text={t('yourEmail')} required={form.email === 'required'} />
          <input {...aria('email')} name="email" type="email" autocomplete="email" maxLength={320} required={form.email === 'required'} value={v.email} onInput={(e) => set({ email: e.currentTarget.value })} />
          {error('email')}
        </div>
      )}
      {teams.length > 0 && (
        <div class="f">
          <Label at="team" text={t('topic')} required />
          <select {...aria('team')} name="team" required value={v.teamId} onChange={(e) => set({ teamId: e.currentTarget.value })}>
            <option value="">{t('choose')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {/* A team outside its own hours answers later: said before the visitor picks it. */}
                {team.opening?.open === false ? t('teamAway', team.name) : team.name}
              </option>
            ))}
          </select>
          {error('team')}
        </div>
      )}
      {form.fields.map((f) => {
        const value = v.fields[f.id] ?? '';
        const change = (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) => set({ fields: { ...prechatValues.peek().fields, [f.id]: e.currentTarget.value } });
        return (
          <div class="f" key={f.id}>
            <Label at={f.id} text={f.label} required={f.required} />
            {f.type === 'select' ? (
              <select {...aria(f.id)} name={f.id} required={f.required} value={value} onChange={change}>
                <option value="">{t('choose')}</option>
                {(f.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input {...aria(f.id)} name={f.id} maxLength={500} required={f.required} value={value} onInput={change} />
            )}
            {error(f.id)}
          </div>
        );
      })}
      <div class="f">
        <Label at="body" text={t('firstMessage')} required />
        <textarea {...aria('body')} name="message" data-part="prechat-message" required maxLength={MAX_BODY} value={v.body} onInput={(e) => set({ body: e.currentTarget.value })} />
        {error('body')}
      </div>
      {Object.keys(errors).length > 0 && (
        <p role="alert" class="er" data-part="prechat-alert">
          {Object.values(errors).join(' ')}
        </p>
      )}
      <button type="submit" data-part="prechat-submit">
        {t('startChat')}
      </button>
    </form>
  );
});
