import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { keys, useTutorial } from '../../api/queries.ts';
import type { TutorialProgress, TutorialStatus } from '../../api/types.ts';
import { ErrorMessage, Loading, PageHeading } from '../../components/Feedback.tsx';
import { Icon } from '../../components/Icon.tsx';
import { t } from '../../i18n/index.ts';

/** The tour's steps, in the seed's progress values (SPEC §6). */
const STEPS = ['welcome', 'dashboard', 'prompt_round', 'copy_round', 'vote_round'] as const;
const ICONS = ['play', 'home', 'pen', 'copy', 'vote'] as const;

/** A first-game walkthrough. Progress is saved on the server, so it resumes on any device. */
export default function Tutorial() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const status = useTutorial();
  const save = useMutation({
    mutationFn: (p: TutorialProgress) => api.tutorialProgress(p),
    onSuccess: (r) => qc.setQueryData<TutorialStatus>(keys.tutorial, r.tutorial_status),
  });
  const progress = status.data?.tutorial_progress;
  const { mutate } = save;
  // Opening the tour starts it.
  useEffect(() => {
    if (progress === 'not_started') mutate('welcome');
  }, [progress, mutate]);

  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorMessage error={status.error} onRetry={() => void status.refetch()} />;
  const current = (STEPS as readonly string[]).indexOf(progress ?? '');
  const index = current < 0 ? 0 : current;
  const step = STEPS[index]!;
  const last = index === STEPS.length - 1;
  const finish = () => save.mutate('completed', { onSuccess: () => navigate('/home', { replace: true }) });
  const copy = t.tutorial.steps[step]!;
  return (
    <section className="page narrow tutorial">
      <PageHeading>{t.tutorial.title}</PageHeading>
      <p className="hint" aria-live="polite">
        {t.tutorial.stepOf(index + 1, STEPS.length)}
      </p>
      <ol className="dots" aria-hidden="true">
        {STEPS.map((s, i) => (
          <li key={s} className={i <= index ? 'on' : ''} />
        ))}
      </ol>
      <article className="card tutorial-card" aria-live="polite">
        <p className="big-icon">
          <Icon name={ICONS[index] ?? 'play'} size={48} />
        </p>
        <h2>{copy.title}</h2>
        <p>{copy.body}</p>
      </article>
      <ErrorMessage error={save.error} />
      {last ? (
        <button type="button" className="btn primary block big" onClick={finish} disabled={save.isPending}>
          {t.tutorial.finish}
        </button>
      ) : (
        <button type="button" className="btn primary block big" onClick={() => save.mutate(STEPS[index + 1]!)} disabled={save.isPending}>
          {t.tutorial.next}
        </button>
      )}
      {!last && (
        <button type="button" className="btn ghost block" onClick={finish} disabled={save.isPending}>
          {t.tutorial.skip}
        </button>
      )}
    </section>
  );
}
