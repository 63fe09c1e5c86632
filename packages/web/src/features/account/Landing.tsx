import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { endedGuestSession, getEndReason } from '../../api/session.ts';
import { ErrorMessage, Notice, PageHeading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { signIn } from './sign-in.ts';

const REASONS = { expired: t.landing.sessionExpired, logout: t.landing.loggedOut, deleted: t.landing.deleted } as const;

/** First screen: play as a guest in one tap, or register / log in. */
export default function Landing() {
  const reason = getEndReason();
  const reasonText = reason === 'expired' && endedGuestSession() ? t.landing.guestSessionExpired : reason ? REASONS[reason] : null;
  const guest = useMutation({
    mutationFn: api.guest,
    onSuccess: (r) => {
      signIn(r, true, '/tutorial');
    },
  });
  return (
    <main id="main" className="landing">
      <div className="landing-hero">
        <img src={`${import.meta.env.BASE_URL}icon.svg`} alt="" width="96" height="96" className="landing-logo" />
        <PageHeading>{t.landing.title}</PageHeading>
        <p className="tagline">{t.tagline}</p>
      </div>
      <div className="landing-body">
        {reasonText && <Notice>{reasonText}</Notice>}
        <p>{t.landing.intro}</p>
        <button type="button" className="btn primary block big" onClick={() => guest.mutate()} disabled={guest.isPending}>
          {guest.isPending ? t.auth.working : t.landing.playGuest}
        </button>
        <p className="hint center">{t.landing.playGuestHint}</p>
        <ErrorMessage error={guest.error} />
        <Link to="/register" className="btn secondary block">
          {t.landing.register}
        </Link>
        <p className="center">
          {t.landing.haveAccount} <Link to="/login">{t.landing.login}</Link>
        </p>
      </div>
    </main>
  );
}
