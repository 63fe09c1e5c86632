import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { getEndReason } from '../../api/session.ts';
import { ErrorMessage, Notice, PageHeading } from '../../components/Feedback.tsx';
import { Field, PasswordField } from '../../components/Field.tsx';
import { t } from '../../i18n/index.ts';
import { signIn } from './sign-in.ts';

export default function Login() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const reason = getEndReason();
  const login = useMutation({
    mutationFn: () => api.login(email.trim(), password),
    onSuccess: (r) => {
      signIn(r, false);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to="/">← {t.back}</Link>
      </p>
      <PageHeading>{t.auth.loginTitle}</PageHeading>
      {reason === 'expired' && <Notice>{t.landing.sessionExpired}</Notice>}
      <form onSubmit={submit} className="form card" noValidate>
        <Field label={t.auth.email} type="email" autoComplete="email" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordField label={t.auth.password} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <ErrorMessage error={login.error} />
        <button type="submit" className="btn primary block" disabled={login.isPending || !email || !password}>
          {login.isPending ? t.auth.working : t.auth.loginSubmit}
        </button>
      </form>
      <p className="center">
        {t.auth.noAccount} <Link to="/register">{t.landing.register}</Link>
      </p>
    </main>
  );
}
