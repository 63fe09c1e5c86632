import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, NetworkError, paidAction } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { keys, useTutorial, type DashboardView } from '../../api/queries.ts';
import type { CurrentRoundResponse, VoteResponse } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Countdown, GRACE_MS } from '../../components/Countdown.tsx';
import { Coins, ErrorMessage, Loading, Notice, PageHeading } from '../../components/Feedback.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useDraft } from '../../hooks/use-draft.ts';
import { normalizePhrase, usePhraseCheck } from '../../hooks/use-phrase-check.ts';
import { t } from '../../i18n/index.ts';
import { useStartRound } from './start-round.ts';

type Outcome =
  | { kind: 'submitted'; roundType: 'prompt' | 'copy'; roundId: string; phrase: string }
  | { kind: 'voted'; result: VoteResponse }
  | { kind: 'abandoned'; refund: number }
  | { kind: 'expired'; refund: number | null };

type Finish = (o: Outcome) => void;
type ActiveRound = CurrentRoundResponse & { round_id: string; expires_at: string };

const NO_ROUND: CurrentRoundResponse = { round_id: null, round_type: null, state: null, expires_at: null };

/** Refund of a round that ran out on its own: cost − penalty, never below 0 (SPEC §3.6). */
function expiredRefund(qc: QueryClient, cost: number): number | null {
  const penalty = qc.getQueryData<DashboardView>(keys.dashboard)?.round_availability?.abandoned_penalty;
  return penalty === undefined ? null : Math.max(0, cost - penalty);
}

/**
 * After an `expired` / `round_not_active` answer, or when the grace period is over on screen: ask
 * the server what became of the round. A submit whose answer was lost may well have gone through.
 */
async function resolveEnded(qc: QueryClient, roundId: string, cost: number, finish: Finish): Promise<void> {
  try {
    const r = await api.round(roundId);
    if (r.status === 'active') {
      await qc.invalidateQueries({ queryKey: keys.currentRound });
      return;
    }
    if (r.status === 'submitted' && r.submitted_phrase && (r.type === 'prompt' || r.type === 'copy')) {
      return finish({ kind: 'submitted', roundType: r.type, roundId, phrase: r.submitted_phrase });
    }
    if (r.status === 'abandoned') return finish({ kind: 'abandoned', refund: expiredRefund(qc, cost) ?? 0 });
    return finish({ kind: 'expired', refund: expiredRefund(qc, cost) });
  } catch {
    finish({ kind: 'expired', refund: expiredRefund(qc, cost) });
  }
}

function RetryingNotice({ show }: { show: boolean }) {
  return show ? <Notice tone="warn">{t.connection.retrying}</Notice> : null;
}

function Tip({ text }: { text: string }) {
  const tutorial = useTutorial();
  if (!tutorial.data || tutorial.data.tutorial_progress === 'completed') return null;
  return <p className="tip">{text}</p>;
}

function AbandonButton({ roundId, cost, finish }: { roundId: string; cost: number; finish: Finish }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const abandon = useMutation({
    mutationFn: () => paidAction(`abandon:${roundId}`, (key) => api.abandon(roundId, key)),
    onSuccess: (r) => {
      setOpen(false);
      finish({ kind: 'abandoned', refund: r.refund_amount });
    },
    onError: (e) => {
      setOpen(false);
      if (e instanceof ApiError && ['round_not_active', 'expired', 'not_found'].includes(e.code)) void resolveEnded(qc, roundId, cost, finish);
    },
  });
  const penalty = qc.getQueryData<DashboardView>(keys.dashboard)?.round_availability?.abandoned_penalty ?? 0;
  return (
    <>
      <ErrorMessage error={abandon.error} />
      <button type="button" className="btn ghost block" onClick={() => setOpen(true)} disabled={abandon.isPending}>
        {t.round.abandon}
      </button>
      <ConfirmDialog
        open={open}
        title={t.round.abandonTitle}
        confirmLabel={t.round.abandonConfirm}
        danger
        busy={abandon.isPending}
        onConfirm={() => abandon.mutate()}
        onCancel={() => setOpen(false)}
      >
        <p>{t.round.abandonBody(Math.max(0, cost - penalty), Math.min(cost, penalty))}</p>
      </ConfirmDialog>
    </>
  );
}

/** Prompt and copy rounds: one phrase, checked while typing, kept as a draft until it is sent. */
function WriteRound({ round, finish }: { round: ActiveRound; finish: Finish }) {
  const qc = useQueryClient();
  const roundId = round.round_id;
  const type = round.round_type as 'prompt' | 'copy';
  const state = round.state!;
  const cost = state.cost;
  const { text, setText, clear, restored } = useDraft(roundId);
  const check = usePhraseCheck(text, roundId);
  const [retrying, setRetrying] = useState(false);
  const deadline = Date.parse(round.expires_at) + GRACE_MS;

  const submit = useMutation({
    mutationFn: (phrase: string) =>
      paidAction(`submit:${roundId}:${phrase}`, (key) => api.submit(roundId, phrase, key), { deadline, onRetry: () => setRetrying(true) }),
    onSuccess: (r) => {
      clear();
      finish({ kind: 'submitted', roundType: type, roundId, phrase: r.phrase });
    },
    onError: (e) => {
      if (e instanceof ApiError && ['expired', 'round_not_active', 'not_found'].includes(e.code)) void resolveEnded(qc, roundId, cost, finish);
    },
    onSettled: () => setRetrying(false),
  });

  const onGraceOver = useCallback(() => {
    if (!submit.isPending) void resolveEnded(qc, roundId, cost, finish);
  }, [qc, roundId, cost, finish, submit.isPending]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const phrase = normalizePhrase(text);
    if (phrase && !submit.isPending) submit.mutate(phrase);
  };

  const isPrompt = type === 'prompt';
  const copyState = state as { original_phrase?: string; discount_active?: boolean };
  const promptText = (state as { prompt_text?: string }).prompt_text;
  const statusText =
    check.status === 'checking' ? t.round.checking : check.status === 'valid' ? `✓ ${t.round.looksGood}` : check.status === 'invalid' ? check.message : '';
  const submitError = submit.error instanceof NetworkError || !(submit.error instanceof ApiError && ['expired', 'round_not_active'].includes(submit.error.code)) ? submit.error : null;

  return (
    <section className={`page round ${type}`}>
      <div className="round-head">
        <PageHeading focus={false}>{isPrompt ? t.round.prompt.title : t.round.copy.title}</PageHeading>
        <Countdown expiresAt={round.expires_at} onGraceOver={onGraceOver} />
      </div>
      <p className="instructions">{isPrompt ? t.round.prompt.instructions : t.round.copy.instructions}</p>
      <Tip text={isPrompt ? t.round.tip.prompt : t.round.tip.copy} />
      <div className="card quote" id="round-context">
        <p className="quote-label">{isPrompt ? t.round.prompt.promptLabel : t.round.copy.originalLabel}</p>
        <p className="quote-text">{isPrompt ? promptText : copyState.original_phrase}</p>
        <p className="meta">
          {t.round.cost(cost)} {!isPrompt && copyState.discount_active && <span className="badge good">{t.round.copy.discount}</span>}
        </p>
      </div>
      {restored && text && <p className="hint">{t.round.draftRestored}</p>}
      <form className="write-form" onSubmit={onSubmit} noValidate>
        <label htmlFor="phrase-input">{t.round.yourPhrase}</label>
        <input
          id="phrase-input"
          className="phrase-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={100}
          enterKeyHint="send"
          autoFocus
          aria-invalid={check.status === 'invalid'}
          aria-describedby="round-context phrase-hint phrase-status"
        />
        <p id="phrase-hint" className="hint">
          {t.round.phraseHint}
        </p>
        <p id="phrase-status" className={`check ${check.status}`} aria-live="polite">
          {statusText}
        </p>
        <RetryingNotice show={retrying} />
        <ErrorMessage error={submitError} />
        <button type="submit" className="btn primary block big" disabled={!text.trim() || submit.isPending || check.status === 'invalid'}>
          {submit.isPending ? t.round.submitting : t.round.submit}
        </button>
      </form>
      <AbandonButton roundId={roundId} cost={cost} finish={finish} />
    </section>
  );
}

/** Vote rounds: three phrases, pick one, confirm. */
function VoteRound({ round, finish }: { round: ActiveRound; finish: Finish }) {
  const qc = useQueryClient();
  const roundId = round.round_id;
  const state = round.state as { phraseset_id: string; prompt_text: string; phrases: string[]; cost: number };
  const [choice, setChoice] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const deadline = Date.parse(round.expires_at) + GRACE_MS;

  const vote = useMutation({
    mutationFn: (phrase: string) =>
      paidAction(`vote:${roundId}:${phrase}`, (key) => api.vote(state.phraseset_id, phrase, key), { deadline, onRetry: () => setRetrying(true) }),
    onSuccess: (r) => {
      setChoice(null);
      finish({ kind: 'voted', result: r });
    },
    onError: (e) => {
      setChoice(null);
      if (e instanceof ApiError && ['expired', 'no_active_vote_round', 'phraseset_mismatch', 'not_in_vote_round'].includes(e.code)) {
        void resolveEnded(qc, roundId, state.cost, finish);
      }
    },
    onSettled: () => setRetrying(false),
  });
  const onGraceOver = useCallback(() => {
    if (!vote.isPending) void resolveEnded(qc, roundId, state.cost, finish);
  }, [qc, roundId, state.cost, finish, vote.isPending]);

  return (
    <section className="page round vote">
      <div className="round-head">
        <PageHeading>{t.round.vote.title}</PageHeading>
        <Countdown expiresAt={round.expires_at} onGraceOver={onGraceOver} />
      </div>
      <p className="instructions">{t.round.vote.instructions}</p>
      <Tip text={t.round.tip.vote} />
      <div className="card quote">
        <p className="quote-label">{t.round.vote.promptLabel}</p>
        <p className="quote-text" id="vote-prompt">
          {state.prompt_text}
        </p>
      </div>
      <fieldset className="choices" aria-describedby="vote-prompt">
        <legend>{t.round.vote.choicesLabel}</legend>
        {state.phrases.map((p) => (
          <button key={p} type="button" className="btn choice block" onClick={() => setChoice(p)} disabled={vote.isPending}>
            {p}
          </button>
        ))}
      </fieldset>
      {vote.isPending && <Loading label={t.round.vote.sending} />}
      <RetryingNotice show={retrying} />
      <ErrorMessage error={vote.error} />
      <ConfirmDialog
        open={choice !== null && !vote.isPending}
        title={t.round.vote.confirmTitle}
        confirmLabel={t.round.vote.confirmYes}
        onConfirm={() => choice && vote.mutate(choice)}
        onCancel={() => setChoice(null)}
      >
        <p>{t.round.vote.confirmBody(choice ?? '')}</p>
      </ConfirmDialog>
      <AbandonButton roundId={roundId} cost={state.cost} finish={finish} />
    </section>
  );
}

function PromptFeedback({ roundId }: { roundId: string }) {
  const send = useMutation({ mutationFn: (f: 'like' | 'dislike') => api.feedback(roundId, f) });
  if (send.isSuccess) return <Notice tone="success">{t.round.feedback.thanks}</Notice>;
  return (
    <div className="feedback" role="group" aria-label={t.round.feedback.question}>
      <p>{t.round.feedback.question}</p>
      <div className="row">
        <button type="button" className="btn secondary" onClick={() => send.mutate('like')} disabled={send.isPending}>
          <Icon name="like" size={20} /> {t.round.feedback.like}
        </button>
        <button type="button" className="btn secondary" onClick={() => send.mutate('dislike')} disabled={send.isPending}>
          <Icon name="dislike" size={20} /> {t.round.feedback.dislike}
        </button>
      </div>
      <ErrorMessage error={send.error} />
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const s = useStartRound();
  let title: string;
  let body: React.ReactNode;
  switch (outcome.kind) {
    case 'submitted':
      title = t.round.submittedTitle;
      body = (
        <>
          <p className="quote-text">{outcome.phrase}</p>
          <p>{t.round.submittedNext}</p>
          {outcome.roundType === 'prompt' && <PromptFeedback roundId={outcome.roundId} />}
        </>
      );
      break;
    case 'voted':
      title = outcome.result.correct ? t.round.vote.correctTitle : t.round.vote.wrongTitle;
      body = (
        <p>
          {outcome.result.correct ? t.round.vote.correctBody(outcome.result.payout) : t.round.vote.wrongBody(outcome.result.original_phrase)}
        </p>
      );
      break;
    case 'abandoned':
      title = t.round.abandonTitle.replace('?', '');
      body = <p>{t.round.abandoned(outcome.refund)}</p>;
      break;
    case 'expired':
      title = t.round.expiredTitle;
      body = <p>{outcome.refund === null ? t.round.expiredBodyNoAmount : t.round.expiredBody(outcome.refund)}</p>;
      break;
  }
  return (
    <section className="page round outcome">
      <div className={`card outcome-card ${outcome.kind === 'voted' ? (outcome.result.correct ? 'good' : 'bad') : ''}`} aria-live="polite">
        <PageHeading>{title}</PageHeading>
        {body}
        {outcome.kind === 'voted' && outcome.result.correct && (
          <p className="payout">
            +<Coins n={outcome.result.payout} />
          </p>
        )}
      </div>
      <ErrorMessage error={s.error} />
      {outcome.kind === 'voted' && (
        <button type="button" className="btn primary block" onClick={() => s.start('vote')} disabled={!!s.pending}>
          {t.round.vote.again}
        </button>
      )}
      <Link className={`btn ${outcome.kind === 'voted' ? 'secondary' : 'primary'} block`} to="/home">
        {outcome.kind === 'submitted' ? t.round.playAgain : t.backToDashboard}
      </Link>
    </section>
  );
}

/** The player's active round (whatever its type), or what became of it. */
export default function RoundPage() {
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const q = useQuery({ queryKey: keys.currentRound, queryFn: api.currentRound, refetchInterval: outcome ? false : 15_000, enabled: !outcome });
  const finish = useCallback(
    (o: Outcome) => {
      setOutcome(o);
      qc.setQueryData(keys.currentRound, NO_ROUND);
      void qc.invalidateQueries({ queryKey: keys.dashboard });
    },
    [qc],
  );

  if (outcome) return <OutcomeView key="outcome" outcome={outcome} />;
  if (q.isPending) return <Loading label={t.round.loading} />;
  if (q.isError && !q.data) return <ErrorMessage error={q.error} onRetry={() => void q.refetch()} />;
  const cr = q.data;
  if (!cr.round_id || !cr.round_type || !cr.state || !cr.expires_at) {
    return (
      <section className="page narrow">
        <PageHeading>{t.round.none}</PageHeading>
        <Link className="btn primary block" to="/home">
          {t.backToDashboard}
        </Link>
      </section>
    );
  }
  const round = cr as ActiveRound;
  return cr.round_type === 'vote' ? (
    <VoteRound key={cr.round_id} round={round} finish={finish} />
  ) : (
    <WriteRound key={cr.round_id} round={round} finish={finish} />
  );
}
