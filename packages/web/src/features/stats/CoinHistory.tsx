import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import { ErrorMessage, Loading, PageHeading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { StatsTabs } from './StatsTabs.tsx';

const PAGE = 25;

/** The player's ledger, newest first (GET /player/transactions). */
export default function CoinHistory() {
  const q = useInfiniteQuery({
    queryKey: keys.transactions,
    queryFn: ({ pageParam }) => api.transactions(PAGE, pageParam),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.has_more ? pages.length * PAGE : undefined),
  });
  const rows = q.data?.pages.flatMap((p) => p.transactions) ?? [];
  return (
    <section className="page">
      <PageHeading>{t.coinsPage.title}</PageHeading>
      <StatsTabs />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorMessage error={q.error} onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <p className="card center">{t.coinsPage.empty}</p>
      ) : (
        <>
          <ul className="list card">
            {rows.map((r) => (
              <li key={r.transaction_id} className="list-row">
                <div>
                  <p>{t.coinsPage.types[r.type] ?? r.type}</p>
                  <p className="meta">
                    <time dateTime={r.created_at}>{new Date(r.created_at).toLocaleString()}</time> · {t.coinsPage.balanceAfter(r.balance_after)}
                  </p>
                </div>
                <strong className={r.amount >= 0 ? 'plus' : 'minus'}>
                  {r.amount >= 0 ? '+' : '−'}
                  {Math.abs(r.amount).toLocaleString('en')}
                </strong>
              </li>
            ))}
          </ul>
          {q.hasNextPage && (
            <button type="button" className="btn secondary block" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
              {t.coinsPage.more}
            </button>
          )}
        </>
      )}
    </section>
  );
}
