import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { ErrorMessage, PageHeading } from '../../components/Feedback.tsx';
import { Field, PasswordField } from '../../components/Field.tsx';
import { t } from '../../i18n/index.ts';
import { signIn } from './sign-in.ts';

export default function Register() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const register = useMutation({
    mutationFn: () => api.register(email.trim(), password),
    onSuccess: (r) => {
      signIn(r, false, '/tutorial');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to="/">← {t.back}</Link>
      </p>
      <PageHeading>{t.auth.registerTitle}</PageHeading>
      <p>{t.auth.registerIntro}</p>
      <form onSubmit={submit} className="form card" noValidate>
        <Field label={t.auth.email} type="email" autoComplete="email" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordField
          label={t.auth.password}
          hint={t.auth.passwordHint}
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage error={register.error} />
        <button type="submit" className="btn primary block" disabled={register.isPending || !email || !password}>
          {register.isPending ? t.auth.working : t.auth.registerSubmit}
        </button>
      </form>
      <p className="center">
        {t.landing.haveAccount} <Link to="/login">{t.landing.login}</Link>
      </p>
    </main>
  );
}
