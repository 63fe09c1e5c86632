import { FALLBACK_PHRASES } from '../ai/fallback.ts';
import type { AiPlayer } from '../ai/player.ts';
import type { AiValidation } from '../db/schema-ai.ts';
import { DomainError } from '../domain/errors.ts';
import { seededRandom } from '../platform/random.ts';
import { personaOf, pickAiAccount, topUpAiAccount, type AiAccount } from './ai-accounts.ts';
import { recordAiMetric } from './ai-metrics.ts';
import type { Deps } from './deps.ts';
import { submitVote } from './phrasesets.ts';
import { abandonRound, startCopyRound, startVoteRound, submitRound } from './rounds.ts';

/**
 * The solo backup AI (SPEC §10.3): one cycle of the scheduled job. So a lone player on a fresh install
 * still sees finalized results, it
 * - fills the missing copies of solo prompts that have waited longer than AI_BACKUP_DELAY_MINUTES, and
 * - votes on solo phrasesets with no activity for that long until each has the 3 votes it needs to
 *   close,
 * at most AI_BACKUP_BATCH_SIZE prompts and AI_BACKUP_BATCH_SIZE phrasesets per cycle.
 *
 * Every AI action goes through the services a human's request uses (startCopyRound + submitRound,
 * a vote round + submitVote), so AI accounts pay fees, get refunds and payouts, and meet every rule a
 * human meets; each vote on a phraseset comes from a different AI account that did not write in it.
 * The AI's thinking (possibly an LLM call) happens between those calls, outside any transaction.
 */

export interface BackupReport {
  copies: number;
  votes: number;
  failures: number;
  topUps: number;
}

/** Phrasesets close once they have this many votes (SPEC §5.11: the third vote starts the window). */
const VOTES_TO_CLOSE = 3;

interface CycleOptions {
  /** Wall-clock budget in ms: no new action starts after it (a long LLM cycle must not outlive its job lease). */
  budgetMs?: number;
}

export async function runAiBackupCycle(deps: Deps, ai: AiPlayer, now: Date, o: CycleOptions = {}): Promise<BackupReport> {
  const started = performance.now();
  const inBudget = () => o.budgetMs === undefined || performance.now() - started < o.budgetMs;
  const cfg = deps.config;
  const cutoff = new Date(now.getTime() - cfg.AI_BACKUP_DELAY_MINUTES * 60_000);
  const report: BackupReport = { copies: 0, votes: 0, failures: 0, topUps: 0 };

  // Copies: solo prompts submitted before the cutoff still missing copies, oldest first.
  const prompts = await deps.db
    .selectFrom('rounds')
    .select(['id', 'copies_claimed'])
    .where('type', '=', 'prompt')
    .where('status', '=', 'submitted')
    .where('party_session_id', 'is', null)
    .where('copies_claimed', '<', 2)
    .where('ended_at', '<=', cutoff)
    .orderBy('ended_at')
    .orderBy('id')
    .limit(cfg.AI_BACKUP_BATCH_SIZE)
    .execute();
  for (const p of prompts) {
    for (let i = p.copies_claimed; i < 2 && inBudget(); i++) {
      const r = await fillCopy(deps, ai, p.id, report);
      if (!r) break;
    }
  }

  // Votes: solo phrasesets still short of 3 votes, quiet since the cutoff, oldest activity first.
  const sets = await deps.db
    .selectFrom('phrasesets')
    .select(['id', 'vote_slots_taken'])
    .where('party_session_id', 'is', null)
    .where('status', '=', 'open')
    .where('vote_slots_taken', '<', VOTES_TO_CLOSE)
    .where('last_activity_at', '<=', cutoff)
    .orderBy('last_activity_at')
    .orderBy('id')
    .limit(cfg.AI_BACKUP_BATCH_SIZE)
    .execute();
  for (const s of sets) {
    for (let i = s.vote_slots_taken; i < VOTES_TO_CLOSE && inBudget(); i++) {
      const r = await castVote(deps, ai, s.id, report);
      if (!r) break;
    }
  }
  return report;
}

/** A seeded source for one AI action, drawn from the app's source: deterministic under a seeded app. */
function actionRandom(deps: Deps) {
  return seededRandom(deps.random.int(2 ** 31));
}

const errorText = (e: unknown) => (e instanceof DomainError ? e.code : e instanceof Error ? e.message : String(e));

async function prepareAccount(deps: Deps, exclude: ReadonlySet<string>, report: BackupReport): Promise<AiAccount | null> {
  const account = await pickAiAccount(deps, exclude);
  if (!account) return null;
  if ((await topUpAiAccount(deps, account.id)) > 0) report.topUps++;
  return account;
}

/**
 * One AI copy of the prompt round `promptRoundId` (or of an older waiting prompt, which the copy
 * queue deals first and which has waited even longer). Returns false when no AI account could take it.
 */
async function fillCopy(deps: Deps, ai: AiPlayer, promptRoundId: string, report: BackupReport): Promise<boolean> {
  // Not its writer, and not an account that copied it (or holds its copy round, or abandoned one lately).
  const involved = await deps.db
    .selectFrom('rounds')
    .select('player_id')
    .where((eb) => eb.or([eb('id', '=', promptRoundId), eb('prompt_round_id', '=', promptRoundId)]))
    .execute();
  const account = await prepareAccount(deps, new Set(involved.map((r) => r.player_id)), report);
  if (!account) return false;

  let round: Awaited<ReturnType<typeof startCopyRound>>;
  try {
    round = await startCopyRound(deps, account.id);
  } catch (e) {
    report.failures++;
    await recordAiMetric(deps, { operation: 'copy', provider: ai.providerName, success: false, latencyMs: 0, validation: 'failed', attempts: 0, playerId: account.id, error: errorText(e), now: deps.clock.now() });
    return false;
  }

  // The other copy is known only when it is the AI's own work (an AI account wrote it); a human's copy
  // stays unseen, as it would for a human copier, and the server's check decides.
  const other = await deps.db
    .selectFrom('rounds')
    .innerJoin('players', 'players.id', 'rounds.player_id')
    .select('rounds.submitted_phrase')
    .where('rounds.prompt_round_id', '=', round.prompt_round_id)
    .where('rounds.type', '=', 'copy')
    .where('rounds.status', '=', 'submitted')
    .where('players.is_ai', '=', true)
    .executeTakeFirst();
  const answer = await ai.writeCopy({ original: round.original_phrase, otherCopy: other?.submitted_phrase ?? null, persona: personaOf(account) }, actionRandom(deps));
  const candidates = [...new Set([...answer.value, ...FALLBACK_PHRASES])];

  let attempts = 0;
  let accepted: number | null = null;
  let error: string | null = null;
  for (const [i, phrase] of candidates.entries()) {
    attempts++;
    try {
      await submitRound(deps, account.id, round.round_id, phrase);
      accepted = i;
      break;
    } catch (e) {
      error = errorText(e);
      // A rejected phrase changes nothing: the round stays active, try the next candidate.
      if (e instanceof DomainError && (e.code === 'duplicate_phrase' || e.code === 'invalid_phrase')) continue;
      break;
    }
  }
  if (accepted === null) {
    report.failures++;
    // Free the account now rather than at expiry; the prompt goes back to the queue.
    await abandonRound(deps, account.id, round.round_id).catch(() => undefined);
  } else report.copies++;
  const validation: AiValidation =
    accepted === null ? 'failed' : accepted >= answer.value.length - 1 ? 'fallback' : accepted === 0 && answer.rejectedBeforeFirst === 0 ? 'first_try' : 'retried';
  await recordAiMetric(deps, {
    operation: 'copy',
    provider: answer.provider,
    providerError: answer.error,
    success: accepted !== null,
    latencyMs: answer.latencyMs,
    validation,
    attempts,
    playerId: account.id,
    roundId: round.round_id,
    error: accepted === null ? error : null,
    now: deps.clock.now(),
  });
  return accepted !== null;
}

/** One AI vote on `phrasesetId` by an AI account that neither wrote in it nor voted on it. */
async function castVote(deps: Deps, ai: AiPlayer, phrasesetId: string, report: BackupReport): Promise<boolean> {
  const involved = await deps.db
    .selectFrom('phraseset_contributors')
    .select('player_id')
    .where('phraseset_id', '=', phrasesetId)
    .union(deps.db.selectFrom('votes').select('player_id').where('phraseset_id', '=', phrasesetId))
    .union(deps.db.selectFrom('rounds').select('player_id').where('phraseset_id', '=', phrasesetId).where('type', '=', 'vote'))
    .execute();
  const account = await prepareAccount(deps, new Set(involved.map((r) => r.player_id)), report);
  if (!account) return false;

  let round: Awaited<ReturnType<typeof startVoteRound>>;
  try {
    round = await startVoteRound(deps, account.id, undefined, { phrasesetId });
  } catch (e) {
    report.failures++;
    await recordAiMetric(deps, { operation: 'vote', provider: ai.providerName, success: false, latencyMs: 0, validation: 'failed', attempts: 0, playerId: account.id, phrasesetId, error: errorText(e), now: deps.clock.now() });
    return false;
  }
  const answer = await ai.chooseVote({ promptText: round.prompt_text, phrases: round.phrases }, actionRandom(deps));
  try {
    const res = await submitVote(deps, account.id, phrasesetId, answer.value);
    report.votes++;
    await recordAiMetric(deps, {
      operation: 'vote',
      provider: answer.provider,
      providerError: answer.error,
      success: true,
      latencyMs: answer.latencyMs,
      validation: answer.rejectedBeforeFirst === 0 ? 'first_try' : 'retried',
      voteCorrect: res.correct,
      playerId: account.id,
      roundId: round.round_id,
      phrasesetId,
      now: deps.clock.now(),
    });
    return true;
  } catch (e) {
    report.failures++;
    await abandonRound(deps, account.id, round.round_id).catch(() => undefined);
    await recordAiMetric(deps, {
      operation: 'vote',
      provider: answer.provider,
      providerError: answer.error,
      success: false,
      latencyMs: answer.latencyMs,
      validation: 'failed',
      playerId: account.id,
      roundId: round.round_id,
      phrasesetId,
      error: errorText(e),
      now: deps.clock.now(),
    });
    return false;
  }
}

