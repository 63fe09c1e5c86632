import { useId, useState, type InputHTMLAttributes } from 'react';
import { t } from '../i18n/index.ts';

/** A labelled input with an optional hint, both tied to it for assistive tech. */
export function Field({ label, hint, id, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = `${fieldId}-hint`;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <input id={fieldId} aria-describedby={hint ? hintId : undefined} {...input} />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A password input with a show/hide toggle. */
export function PasswordField(p: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  const [show, setShow] = useState(false);
  const id = useId();
  return (
    <div className="password-field">
      <Field {...p} type={show ? 'text' : 'password'} />
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
        {t.auth.showPassword}
      </label>
    </div>
  );
}
