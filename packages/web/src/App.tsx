import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useRouteError } from 'react-router';
import { createQueryClient } from './api/queries.ts';
import { Loading, PageHeading } from './components/Feedback.tsx';
import { OfflineBanner, RequireAuth } from './components/Layout.tsx';
import Landing from './features/account/Landing.tsx';
import { nextPath } from './features/account/sign-in.ts';
import { useSession } from './hooks/use-session.ts';
import { t } from './i18n/index.ts';

type Mod = { default: React.ComponentType };
/** Route-level code splitting: each screen is its own chunk, loaded on first visit. */
const lazy = (load: () => Promise<Mod>) => async () => ({ Component: (await load()).default });

function Crash() {
  const error = useRouteError();
  // A deploy replaced the chunk this page wanted: a reload fetches the new index.html.
  console.error(error);
  return (
    <main className="page narrow" id="main">
      <h1>{t.crash.title}</h1>
      <p>{t.crash.body}</p>
      <button type="button" className="btn primary" onClick={() => window.location.reload()}>
        {t.crash.reload}
      </button>
    </main>
  );
}

function NotFound() {
  return (
    <main className="page narrow" id="main">
      <PageHeading>{t.notFound.title}</PageHeading>
      <p>{t.notFound.body}</p>
      <Link className="btn primary" to="/">
        {t.backToDashboard}
      </Link>
    </main>
  );
}

/** Public pages (landing, log in, register); signed-in players go straight to the dashboard. */
function PublicOnly() {
  const session = useSession();
  if (session) return <Navigate to={nextPath()} replace />;
  return (
    <>
      <OfflineBanner />
      <Outlet />
    </>
  );
}

const router = createBrowserRouter(
  [
    {
      errorElement: <Crash />,
      hydrateFallbackElement: <Loading />,
      children: [
        {
          element: <PublicOnly />,
          children: [
            { index: true, element: <Landing /> },
            { path: 'login', lazy: lazy(() => import('./features/account/Login.tsx')) },
            { path: 'register', lazy: lazy(() => import('./features/account/Register.tsx')) },
          ],
        },
        {
          element: <RequireAuth />,
          children: [
            { path: 'home', lazy: lazy(() => import('./features/solo/Dashboard.tsx')) },
            { path: 'round', lazy: lazy(() => import('./features/solo/RoundPage.tsx')) },
            { path: 'results/:phrasesetId', lazy: lazy(() => import('./features/results/Results.tsx')) },
            { path: 'history', lazy: lazy(() => import('./features/results/History.tsx')) },
            { path: 'quests', lazy: lazy(() => import('./features/quests/Quests.tsx')) },
            { path: 'stats', lazy: lazy(() => import('./features/stats/Statistics.tsx')) },
            { path: 'leaderboard', lazy: lazy(() => import('./features/stats/Leaderboard.tsx')) },
            { path: 'coins', lazy: lazy(() => import('./features/stats/CoinHistory.tsx')) },
            { path: 'tutorial', lazy: lazy(() => import('./features/tutorial/Tutorial.tsx')) },
            { path: 'settings', lazy: lazy(() => import('./features/account/Settings.tsx')) },
          ],
        },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/play' },
);

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
