import { Suspense } from 'react';
import { Link, NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { useDashboard } from '../api/queries.ts';
import { useConnection, useSession } from '../hooks/use-session.ts';
import { t } from '../i18n/index.ts';
import { Loading } from './Feedback.tsx';
import { Icon } from './Icon.tsx';

export function OfflineBanner() {
  const state = useConnection();
  return (
    <div className="offline-slot" role="status" aria-live="polite">
      {state === 'offline' && <p className="offline-banner">{t.connection.offline}</p>}
    </div>
  );
}

/** Signed-in screens only; others go to the landing page. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/" replace state={{ from: location.pathname }} />;
  return <AppShell />;
}

function BalanceChip() {
  const { data } = useDashboard(false);
  if (!data) return null;
  return (
    <Link to="/coins" className="balance-chip" aria-label={t.nav.balance(data.player.balance)}>
      <Icon name="coin" size={20} /> {data.player.balance.toLocaleString('en')}
    </Link>
  );
}

const TABS = [
  { to: '/home', label: t.nav.home, icon: 'play' },
  { to: '/history', label: t.nav.history, icon: 'history' },
  { to: '/quests', label: t.nav.quests, icon: 'quests' },
  { to: '/stats', label: t.nav.stats, icon: 'stats' },
  { to: '/settings', label: t.nav.settings, icon: 'settings' },
] as const;

/** Header with balance, the page, and a bottom tab bar (hidden during a round, so nothing distracts or jumps). */
export function AppShell() {
  const session = useSession();
  const { pathname } = useLocation();
  const inRound = pathname.startsWith('/round');
  return (
    <div className={`shell${inRound ? ' in-round' : ''}`}>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="topbar">
        <Link to="/home" className="brand">
          <img src={`${import.meta.env.BASE_URL}icon.svg`} alt="" width="28" height="28" />
          <span>{t.appName}</span>
        </Link>
        <div className="topbar-right">
          {session?.isGuest && <span className="badge">{t.nav.guest}</span>}
          <BalanceChip />
        </div>
      </header>
      {!inRound && (
        <nav className="tabbar" aria-label={t.nav.label}>
          {TABS.map((tab) => (
            <NavLink key={tab.to} to={tab.to} className={({ isActive }) => `tab${isActive ? ' active' : ''}`}>
              <Icon name={tab.icon} />
              <span>{tab.label}</span>
            </NavLink>
          ))}
        </nav>
      )}
      <OfflineBanner />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
