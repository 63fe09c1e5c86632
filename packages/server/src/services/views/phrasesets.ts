import type {
  PendingResultsResponse,
  PhrasesetDetails,
  PhrasesetListItem,
  PhrasesetListResponse,
  PhrasesetSummary,
  PhrasesetViewStatus,
  UnclaimedResultsResponse,
} from '@quipflip/api';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ContributorRole, PhrasesetStatus } from '../../db/schema-game.ts';
import { DomainError } from '../../domain/errors.ts';
import { DELETED_PLAYER_NAME } from '../accounts.ts';
import type { Deps } from '../deps.ts';
import { advancePhraseset } from '../phrasesets.ts';
import { phrasesetDue, refreshPlayer } from './refresh.ts';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const upper = (s: string) => s.toUpperCase();
const writerRole = (role: ContributorRole | 'copy' | 'prompt') => (role === 'prompt' ? 'prompt' : 'copy') as 'prompt' | 'copy';
/** A tombstoned account shows as "Deleted player" (SPEC §2.8), whatever its row still says. */
const shownName = (name: string | null, deletedAt: Date | null) => (deletedAt ? DELETED_PLAYER_NAME : (name ?? DELETED_PLAYER_NAME));

/** How players see a phraseset's stored status (SPEC §5.11): closed but not yet final is still `closing`. */
export function viewStatus(status: PhrasesetStatus): PhrasesetViewStatus {
  switch (status) {
    case 'open':
      return 'voting';
    case 'closing':
    case 'closed':
      return 'closing';
    case 'finalized':
      return 'finalized';
  }
}

/**
 * The player's solo contributions, one row per submitted prompt or copy round, with the phraseset (once
 * it exists) and the player's contributor row. `view_status` is `viewStatus` in SQL so lists can filter,
 * count and page in the database.
 */
function contributions(db: Kysely<DB>, playerId: string) {
  return db
    .selectFrom('rounds as r')
    .innerJoin('rounds as pr', (j) => j.on((eb) => eb('pr.id', '=', eb.fn.coalesce('r.prompt_round_id', 'r.id'))))
    .leftJoin('phrasesets as ps', 'ps.prompt_round_id', 'pr.id')
    .leftJoin('phraseset_contributors as pc', (j) => j.onRef('pc.phraseset_id', '=', 'ps.id').onRef('pc.player_id', '=', 'r.player_id'))
    .where('r.player_id', '=', playerId)
    .where('r.type', 'in', ['prompt', 'copy'])
    .where('r.status', '=', 'submitted')
    .where('r.party_session_id', 'is', null)
    .select([
      'r.id as round_id',
      'r.type as role',
      'r.created_at as sort_at',
      'r.submitted_phrase',
      'pr.id as prompt_round_id',
      'pr.prompt_text',
      'pr.copies_submitted',
      'ps.id as phraseset_id',
      'ps.vote_count',
      'ps.finalized_at',
      'pc.phrase',
      'pc.payout',
      'pc.claimed_at',
      'pc.result_viewed_at',
    ])
    .select((eb) => [
      sql<PhrasesetViewStatus>`case
        when ps.id is null then (case when pr.copies_submitted >= 1 then 'waiting_copy1' else 'waiting_copies' end)
        when ps.status = 'open' then 'voting'
        when ps.status = 'finalized' then 'finalized'
        else 'closing' end`.as('view_status'),
      eb.fn.coalesce('ps.created_at', 'r.ended_at', 'r.created_at').as('created_at'),
      // Other players' activity on this prompt since the player last viewed its results.
      eb
        .selectFrom('phraseset_activity as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.prompt_round_id', '=', 'pr.id')
        .where((e) => e.or([e('a.player_id', 'is', null), e('a.player_id', '<>', playerId)]))
        .where((e) => e.or([e('pc.result_viewed_at', 'is', null), e('a.created_at', '>', e.ref('pc.result_viewed_at'))]))
        .as('new_activity_count'),
    ]);
}

type ContributionRow = Awaited<ReturnType<ReturnType<typeof contributions>['executeTakeFirstOrThrow']>>;

function listItem(c: ContributionRow): PhrasesetListItem {
  return {
    phraseset_id: c.phraseset_id,
    prompt_round_id: c.prompt_round_id,
    // A copier sees the prompt only once both copies are in (no one is copying it blind any more).
    prompt_text: c.role === 'copy' && c.phraseset_id === null ? null : c.prompt_text,
    your_role: writerRole(c.role as 'prompt' | 'copy'),
    status: c.view_status,
    created_at: iso(c.created_at),
    vote_count: c.vote_count ?? 0,
    has_copy1: c.copies_submitted >= 1,
    has_copy2: c.copies_submitted >= 2,
    your_payout: c.view_status === 'finalized' ? (c.payout ?? 0) : null,
    result_viewed: c.result_viewed_at !== null,
    new_activity_count: Number(c.new_activity_count ?? 0),
  };
}

export interface ListOptions {
  role: 'all' | 'prompt' | 'copy';
  status: 'all' | PhrasesetViewStatus;
  limit: number;
  offset: number;
}

/** GET /player/phrasesets without lazy checks: newest contribution first, filtered and paged in SQL. */
export async function readPhrasesetList(deps: Deps, playerId: string, o: ListOptions): Promise<PhrasesetListResponse> {
  let q = deps.db.selectFrom(contributions(deps.db, playerId).as('c'));
  if (o.role !== 'all') q = q.where('c.role', '=', o.role);
  if (o.status !== 'all') q = q.where('c.view_status', '=', o.status);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('c.sort_at', 'desc').orderBy('c.round_id', 'desc').limit(o.limit).offset(o.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return { phrasesets: rows.map(listItem), total, has_more: o.offset + rows.length < total };
}

export async function listPhrasesets(deps: Deps, playerId: string, o: ListOptions): Promise<PhrasesetListResponse> {
  await refreshPlayer(deps, playerId, deps.clock.now());
  return readPhrasesetList(deps, playerId, o);
}

/** GET /player/phrasesets/summary without lazy checks: one aggregate over the contributions. */
export async function readPhrasesetSummary(deps: Deps, playerId: string): Promise<PhrasesetSummary> {
  const r = await deps.db
    .selectFrom(contributions(deps.db, playerId).as('c'))
    .select([
      sql<number>`count(*) filter (where c.view_status <> 'finalized' and c.role = 'prompt')`.as('ip_prompts'),
      sql<number>`count(*) filter (where c.view_status <> 'finalized' and c.role = 'copy')`.as('ip_copies'),
      sql<number>`count(*) filter (where c.view_status = 'finalized' and c.role = 'prompt')`.as('f_prompts'),
      sql<number>`count(*) filter (where c.view_status = 'finalized' and c.role = 'copy')`.as('f_copies'),
      sql<number>`count(*) filter (where c.view_status = 'finalized' and c.claimed_at is null and c.role = 'prompt')`.as('u_prompts'),
      sql<number>`count(*) filter (where c.view_status = 'finalized' and c.claimed_at is null and c.role = 'copy')`.as('u_copies'),
      sql<number>`coalesce(sum(c.payout) filter (where c.view_status = 'finalized' and c.claimed_at is null), 0)`.as('unclaimed_amount'),
    ])
    .executeTakeFirstOrThrow();
  return {
    // Unclaimed prizes exist only once finalized, so in-progress unclaimed counts are always 0.
    in_progress: { prompts: Number(r.ip_prompts), copies: Number(r.ip_copies), unclaimed_prompts: 0, unclaimed_copies: 0 },
    finalized: { prompts: Number(r.f_prompts), copies: Number(r.f_copies), unclaimed_prompts: Number(r.u_prompts), unclaimed_copies: Number(r.u_copies) },
    total_unclaimed_amount: Number(r.unclaimed_amount),
  };
}

export async function getPhrasesetSummary(deps: Deps, playerId: string): Promise<PhrasesetSummary> {
  await refreshPlayer(deps, playerId, deps.clock.now());
  return readPhrasesetSummary(deps, playerId);
}

/**
 * Pending (results not viewed) and unclaimed (payout not received) results in one query over the
 * player's finalized contributions, newest finalization first.
 */
export async function readResultLists(
  deps: Deps,
  playerId: string,
): Promise<{ pending: PendingResultsResponse['pending']; unclaimed: UnclaimedResultsResponse }> {
  const rows = await deps.db
    .selectFrom('phraseset_contributors as pc')
    .innerJoin('phrasesets as ps', 'ps.id', 'pc.phraseset_id')
    .select(['ps.id', 'ps.prompt_text', 'ps.finalized_at', 'pc.role', 'pc.phrase', 'pc.payout', 'pc.claimed_at', 'pc.result_viewed_at'])
    .where('pc.player_id', '=', playerId)
    .where('ps.status', '=', 'finalized')
    .where('ps.party_session_id', 'is', null)
    .where((eb) => eb.or([eb('pc.result_viewed_at', 'is', null), eb('pc.claimed_at', 'is', null)]))
    .orderBy('ps.finalized_at', 'desc')
    .orderBy('ps.id', 'desc')
    .execute();
  const pending = rows
    .filter((r) => r.result_viewed_at === null)
    .map((r) => ({ phraseset_id: r.id, prompt_text: r.prompt_text, completed_at: iso(r.finalized_at!), role: writerRole(r.role), result_viewed: false }));
  const unclaimedRows = rows.filter((r) => r.claimed_at === null);
  const unclaimed = unclaimedRows.map((r) => ({
    phraseset_id: r.id,
    prompt_text: r.prompt_text,
    your_role: writerRole(r.role),
    your_phrase: upper(r.phrase),
    finalized_at: iso(r.finalized_at!),
    your_payout: r.payout ?? 0,
  }));
  return { pending, unclaimed: { unclaimed, total_unclaimed_amount: unclaimed.reduce((s, u) => s + u.your_payout, 0) } };
}

export async function getPendingResults(deps: Deps, playerId: string): Promise<PendingResultsResponse> {
  await refreshPlayer(deps, playerId, deps.clock.now());
  return { pending: (await readResultLists(deps, playerId)).pending };
}

export async function getUnclaimedResults(deps: Deps, playerId: string): Promise<UnclaimedResultsResponse> {
  await refreshPlayer(deps, playerId, deps.clock.now());
  return (await readResultLists(deps, playerId)).unclaimed;
}

// ---------------------------------------------------------------------------------------------
// GET /phrasesets/{phraseset_id}/details

const ROLE_ORDER: Record<ContributorRole, number> = { prompt: 0, copy1: 1, copy2: 2 };

async function loadPhraseset(db: Kysely<DB>, id: string) {
  return db.selectFrom('phrasesets').selectAll().where('id', '=', id).executeTakeFirst();
}

async function loadContributors(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('phraseset_contributors as pc')
    .innerJoin('players as p', 'p.id', 'pc.player_id')
    .select(['pc.role', 'pc.player_id', 'pc.phrase', 'pc.points', 'pc.payout', 'pc.result_viewed_at', 'p.username', 'p.pseudonym', 'p.deleted_at'])
    .where('pc.phraseset_id', '=', id)
    .execute();
}

/**
 * The contributor view of a phraseset (seed `/details`): 404 `phraseset_not_found` when unknown,
 * 403 `not_contributor` for anyone who did not write in it, `results` only once finalized. Viewing
 * details never claims or marks results viewed (that is `/results`, SPEC §3.5, §6).
 */
export async function getPhrasesetDetails(deps: Deps, playerId: string, phrasesetId: string): Promise<PhrasesetDetails> {
  let ps = await loadPhraseset(deps.db, phrasesetId);
  if (!ps) throw new DomainError('phraseset_not_found');
  let contributors = await loadContributors(deps.db, phrasesetId);
  if (!contributors.some((c) => c.player_id === playerId)) throw new DomainError('not_contributor');
  if (phrasesetDue(ps, deps.clock.now())) {
    await advancePhraseset(deps, phrasesetId);
    ps = (await loadPhraseset(deps.db, phrasesetId))!;
    contributors = await loadContributors(deps.db, phrasesetId);
  }
  contributors.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const mine = contributors.find((c) => c.player_id === playerId)!;

  const [votes, activity] = await Promise.all([
    deps.db
      .selectFrom('votes as v')
      .innerJoin('players as p', 'p.id', 'v.player_id')
      .select(['v.id', 'v.player_id', 'v.voted_phrase', 'v.correct', 'v.created_at', 'p.username', 'p.pseudonym', 'p.deleted_at'])
      .where('v.phraseset_id', '=', phrasesetId)
      .orderBy('v.created_at')
      .orderBy('v.id')
      .execute(),
    deps.db
      .selectFrom('phraseset_activity as a')
      .leftJoin('players as p', 'p.id', 'a.player_id')
      .select(['a.id', 'a.activity_type', 'a.created_at', 'a.player_id', 'a.metadata', 'p.username', 'p.deleted_at'])
      .where('a.prompt_round_id', '=', ps.prompt_round_id)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute(),
  ]);

  const finalized = ps.status === 'finalized';
  const totalPool = finalized ? (ps.total_pool ?? ps.pool_amount) : ps.pool_amount;
  let results: PhrasesetDetails['results'] = null;
  if (finalized) {
    const phrases = [ps.original_phrase, ps.copy_phrase_1, ps.copy_phrase_2].map(upper);
    const vote_counts: Record<string, number> = Object.fromEntries(phrases.map((p) => [p, 0]));
    for (const v of votes) {
      const k = upper(v.voted_phrase);
      vote_counts[k] = (vote_counts[k] ?? 0) + 1;
    }
    const entry = (role: ContributorRole) => {
      const c = contributors.find((x) => x.role === role);
      return { player_id: c?.player_id ?? '', payout: c?.payout ?? 0, points: c?.points ?? 0 };
    };
    results = { vote_counts, payouts: { prompt: entry('prompt'), copy1: entry('copy1'), copy2: entry('copy2') }, total_pool: totalPool };
  }

  return {
    phraseset_id: ps.id,
    prompt_round_id: ps.prompt_round_id,
    prompt_text: ps.prompt_text,
    status: viewStatus(ps.status),
    original_phrase: upper(ps.original_phrase),
    copy_phrase_1: upper(ps.copy_phrase_1),
    copy_phrase_2: upper(ps.copy_phrase_2),
    contributors: contributors.map((c) => ({
      player_id: c.player_id,
      username: shownName(c.username, c.deleted_at),
      pseudonym: shownName(c.pseudonym, c.deleted_at),
      is_you: c.player_id === playerId,
      phrase: upper(c.phrase),
    })),
    vote_count: ps.vote_count,
    third_vote_at: isoOrNull(ps.third_vote_at),
    fifth_vote_at: isoOrNull(ps.fifth_vote_at),
    closes_at: isoOrNull(ps.closes_at),
    votes: votes.map((v) => ({
      vote_id: v.id,
      voter_id: v.player_id,
      voter_username: shownName(v.username, v.deleted_at),
      voter_pseudonym: shownName(v.pseudonym, v.deleted_at),
      voted_phrase: upper(v.voted_phrase),
      correct: v.correct,
      voted_at: iso(v.created_at),
    })),
    total_pool: totalPool,
    results,
    your_role: writerRole(mine.role),
    your_phrase: upper(mine.phrase),
    your_payout: finalized ? (mine.payout ?? 0) : null,
    result_viewed: mine.result_viewed_at !== null,
    activity: activity.map((a) => ({
      activity_id: a.id,
      activity_type: a.activity_type,
      created_at: iso(a.created_at),
      player_id: a.player_id,
      player_username: a.player_id === null ? null : shownName(a.username, a.deleted_at),
      metadata: (a.metadata ?? {}) as Record<string, unknown>,
    })),
    created_at: iso(ps.created_at),
    finalized_at: isoOrNull(ps.finalized_at),
  };
}
