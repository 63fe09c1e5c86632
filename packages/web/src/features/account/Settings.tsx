import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import { clearSession, updateTokens } from '../../api/session.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorMessage, Loading, Notice, PageHeading } from '../../components/Feedback.tsx';
import { Field, PasswordField } from '../../components/Field.tsx';
import { useSession } from '../../hooks/use-session.ts';
import { t } from '../../i18n/index.ts';
import { signIn } from './sign-in.ts';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Upgrade({ onDone }: { onDone: () => void }) {
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const m = useMutation({
    mutationFn: () => api.upgrade(email.trim(), password),
    onSuccess: (r) => {
      onDone();
      signIn(r, false);
      void qc.invalidateQueries();
    },
  });
  return (
    <Section id="upgrade" title={t.settings.upgradeTitle}>
      <p>{t.settings.upgradeBody}</p>
      <form className="form" noValidate onSubmit={(e) => (e.preventDefault(), m.mutate())}>
        <Field label={t.auth.email} type="email" autoComplete="email" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <PasswordField label={t.auth.password} hint={t.auth.passwordHint} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <ErrorMessage error={m.error} />
        <button type="submit" className="btn primary" disabled={m.isPending || !email || !password}>
          {t.settings.upgradeSubmit}
        </button>
      </form>
    </Section>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const m = useMutation({
    mutationFn: () => api.changePassword(current, next),
    onSuccess: (r) => {
      updateTokens(r.access_token, r.refresh_token);
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) m.mutate();
  };
  return (
    <Section id="password" title={t.settings.passwordTitle}>
      <form className="form" noValidate onSubmit={submit}>
        <PasswordField label={t.auth.currentPassword} autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        <PasswordField label={t.auth.newPassword} hint={t.auth.passwordHint} autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />
        <Field label={t.auth.confirmPassword} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
        {mismatch && (
          <p className="notice error" role="alert">
            {t.auth.passwordsDiffer}
          </p>
        )}
        <ErrorMessage error={m.error} />
        {m.isSuccess && <Notice tone="success">{t.settings.passwordChanged}</Notice>}
        <button type="submit" className="btn primary" disabled={m.isPending || !current || !next || !repeat}>
          {t.settings.passwordSubmit}
        </button>
      </form>
    </Section>
  );
}

function ChangeEmail() {
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const m = useMutation({
    mutationFn: () => api.changeEmail(email.trim(), password),
    onSuccess: () => {
      setPassword('');
      void qc.invalidateQueries({ queryKey: ['balance'] });
    },
  });
  return (
    <Section id="email" title={t.settings.emailTitle}>
      <form className="form" noValidate onSubmit={(e) => (e.preventDefault(), m.mutate())}>
        <Field label={t.settings.newEmail} type="email" autoComplete="email" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <PasswordField label={t.auth.password} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <ErrorMessage error={m.error} />
        {m.isSuccess && <Notice tone="success">{t.settings.emailChanged(m.data.email)}</Notice>}
        <button type="submit" className="btn primary" disabled={m.isPending || !email || !password}>
          {t.settings.emailSubmit}
        </button>
      </form>
    </Section>
  );
}

function Logout({ isGuest }: { isGuest: boolean }) {
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);
  const m = useMutation({
    mutationFn: () => api.logout().catch(() => undefined), // leaving must work offline too
    onSettled: () => {
      clearSession('logout');
      navigate('/', { replace: true });
    },
  });
  return (
    <Section id="logout" title={t.settings.logoutTitle}>
      <button type="button" className="btn secondary" onClick={() => (isGuest ? setConfirm(true) : m.mutate())} disabled={m.isPending}>
        {t.settings.logout}
      </button>
      <ConfirmDialog open={confirm} title={t.settings.logoutTitle} confirmLabel={t.settings.logoutConfirm} danger onConfirm={() => m.mutate()} onCancel={() => setConfirm(false)}>
        <p>{t.settings.logoutGuestWarning}</p>
      </ConfirmDialog>
    </Section>
  );
}

function DeleteAccount() {
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState(false);
  const m = useMutation({
    mutationFn: () => api.deleteAccount(password),
    onSuccess: () => {
      clearSession('deleted');
      navigate('/', { replace: true });
    },
    onError: () => setConfirm(false),
  });
  return (
    <Section id="delete" title={t.settings.deleteTitle}>
      <p>{t.settings.deleteBody}</p>
      <form className="form" noValidate onSubmit={(e) => (e.preventDefault(), setConfirm(true))}>
        <PasswordField label={t.auth.password} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <ErrorMessage error={m.error} />
        <button type="submit" className="btn danger" disabled={!password || m.isPending}>
          {t.settings.deleteSubmit}
        </button>
      </form>
      <ConfirmDialog
        open={confirm}
        title={t.settings.deleteConfirmTitle}
        confirmLabel={t.settings.deleteConfirm}
        danger
        busy={m.isPending}
        onConfirm={() => m.mutate()}
        onCancel={() => setConfirm(false)}
      >
        <p>{t.settings.deleteConfirmBody}</p>
      </ConfirmDialog>
    </Section>
  );
}

function TutorialReplay() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: api.tutorialReset,
    onSuccess: (r) => {
      qc.setQueryData(keys.tutorial, r);
      navigate('/tutorial');
    },
  });
  return (
    <Section id="tutorial" title={t.settings.tutorialTitle}>
      <ErrorMessage error={m.error} />
      <button type="button" className="btn secondary" onClick={() => m.mutate()} disabled={m.isPending}>
        {t.settings.tutorialReplay}
      </button>
    </Section>
  );
}

/** Account: upgrade a guest, password, email, tutorial, log out, delete. */
export default function Settings() {
  const session = useSession();
  const me = useQuery({ queryKey: ['balance'], queryFn: api.balance });
  const { hash } = useLocation();
  // Shown here: once upgraded, the upgrade form itself gives way to the password and email forms.
  const [upgraded, setUpgraded] = useState(false);
  // /settings#upgrade (from the dashboard's "Save your progress") opens at that section.
  useEffect(() => {
    if (hash && me.data) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [hash, me.data]);
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />;
  const isGuest = me.data.is_guest;
  return (
    <section className="page settings">
      <PageHeading>{t.settings.title}</PageHeading>
      <Section id="account" title={t.settings.account}>
        <dl className="stat-list">
          <dt>{t.settings.username}</dt>
          <dd>{me.data.username}</dd>
          <dt>{t.settings.email}</dt>
          <dd>{me.data.email ?? t.settings.noEmail}</dd>
        </dl>
      </Section>
      {upgraded && <Notice tone="success">{t.settings.upgraded}</Notice>}
      {isGuest ? (
        <Upgrade onDone={() => setUpgraded(true)} />
      ) : (
        <>
          <ChangePassword />
          <ChangeEmail />
        </>
      )}
      <TutorialReplay />
      <Logout isGuest={isGuest || !!session?.isGuest} />
      {!isGuest && <DeleteAccount />}
    </section>
  );
}
