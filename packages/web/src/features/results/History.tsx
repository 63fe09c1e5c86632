import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import type { PhrasesetListQuery } from '../../api/types.ts';
import { ErrorMessage, Loading, PageHeading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';

const PAGE = 20;
const ROLES = ['all', 'prompt', 'copy'] as const;
const STATUSES = ['all', 'waiting_copies', 'waiting_copy1', 'voting', 'closing', 'finalized'] as const;

/** Every phraseset the player wrote in, filtered by role and status (kept in the URL). */
export default function History() {
  const [params, setParams] = useSearchParams();
  const role = (ROLES as readonly string[]).includes(params.get('role') ?? '') ? (params.get('role') as PhrasesetListQuery['role']) : 'all';
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as PhrasesetListQuery['status']) : 'all';
  const roleId = useId();
  const statusId = useId();
  const q = useInfiniteQuery({
    queryKey: keys.phrasesets(role ?? 'all', status ?? 'all'),
    queryFn: ({ pageParam }) => api.phrasesets({ role, status, limit: PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.has_more ? pages.length * PAGE : undefined),
  });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v === 'all') next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };
  const items = q.data?.pages.flatMap((p) => p.phrasesets) ?? [];
  const total = q.data?.pages[0]?.total ?? 0;
  return (
    <section className="page history">
      <PageHeading>{t.history.title}</PageHeading>
      <div className="filters">
        <div className="field">
          <label htmlFor={roleId}>{t.history.role}</label>
          <select id={roleId} value={role} onChange={(e) => set('role', e.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t.history.roles[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={statusId}>{t.history.status}</label>
          <select id={statusId} value={status} onChange={(e) => set('status', e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.history.statuses[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorMessage error={q.error} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <p className="card center">{t.history.empty}</p>
      ) : (
        <>
          <p className="hint" aria-live="polite">
            {t.history.count(items.length, total)}
          </p>
          <ul className="list cards">
            {items.map((p) => (
              <li key={`${p.prompt_round_id}-${p.your_role}`} className="card history-item">
                <p className="prompt-text">{p.prompt_text ?? <em>{t.history.hiddenPrompt}</em>}</p>
                <p className="meta">
                  <span className="badge">{t.history.roles[p.your_role]}</span> <span className={`badge status-${p.status}`}>{t.history.statuses[p.status]}</span>{' '}
                  {p.phraseset_id && t.history.votes(p.vote_count)}
                  {p.your_payout !== null && <> · {t.history.payout(p.your_payout)}</>}
                </p>
                {p.phraseset_id && (
                  <Link className="btn secondary small" to={`/results/${p.phraseset_id}`} aria-label={`${t.history.open}: ${p.prompt_text ?? ''}`}>
                    {t.history.open}
                  </Link>
                )}
              </li>
            ))}
          </ul>
          {q.hasNextPage && (
            <button type="button" className="btn secondary block" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
              {q.isFetchingNextPage ? t.loading : t.history.more}
            </button>
          )}
        </>
      )}
    </section>
  );
}
