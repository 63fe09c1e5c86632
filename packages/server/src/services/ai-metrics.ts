import type { AiOperation, AiProviderName, AiValidation } from '../db/schema-ai.ts';
import { newId } from '../platform/random.ts';
import type { Deps } from './deps.ts';

/** What one AI action did (SPEC §10.4); stored as one `ai_metrics` row. */
export interface AiMetric {
  operation: AiOperation;
  provider: AiProviderName;
  providerError?: string | null;
  success: boolean;
  latencyMs: number;
  validation: AiValidation;
  attempts?: number;
  voteCorrect?: boolean | null;
  playerId?: string | null;
  roundId?: string | null;
  phrasesetId?: string | null;
  partySessionId?: string | null;
  error?: string | null;
  now: Date;
}

/** Records one AI action. Its own statement: metrics never hold or fail a game transaction. */
export async function recordAiMetric(deps: Pick<Deps, 'db' | 'logger'>, m: AiMetric): Promise<void> {
  try {
    await deps.db
      .insertInto('ai_metrics')
      .values({
        id: newId(),
        operation: m.operation,
        provider: m.provider,
        provider_error: m.providerError?.slice(0, 500) ?? null,
        success: m.success,
        latency_ms: Math.max(0, Math.round(m.latencyMs)),
        validation: m.validation,
        attempts: m.attempts ?? 1,
        vote_correct: m.voteCorrect ?? null,
        player_id: m.playerId ?? null,
        round_id: m.roundId ?? null,
        phraseset_id: m.phrasesetId ?? null,
        party_session_id: m.partySessionId ?? null,
        error: m.error?.slice(0, 500) ?? null,
        created_at: m.now,
      })
      .execute();
  } catch (e) {
    deps.logger.warn({ err: e instanceof Error ? e.message : String(e), operation: m.operation }, 'could not record an AI metric');
  }
}

export interface AiMetricsSummary {
  operation: AiOperation;
  provider: AiProviderName;
  actions: number;
  successes: number;
  firstTry: number;
  correctVotes: number;
  votes: number;
  avgLatencyMs: number;
}

/** Per operation and provider: counts, first-try validations, vote accuracy and mean latency. */
export async function summarizeAiMetrics(deps: Pick<Deps, 'db'>, since?: Date): Promise<AiMetricsSummary[]> {
  let q = deps.db
    .selectFrom('ai_metrics')
    .select((eb) => [
      'operation',
      'provider',
      eb.fn.countAll<number>().as('actions'),
      eb.fn.count<number>('id').filterWhere('success', '=', true).as('successes'),
      eb.fn.count<number>('id').filterWhere('validation', '=', 'first_try').as('first_try'),
      eb.fn.count<number>('id').filterWhere('vote_correct', '=', true).as('correct_votes'),
      eb.fn.count<number>('vote_correct').as('votes'),
      eb.fn.avg<number>('latency_ms').as('avg_latency'),
    ])
    .groupBy(['operation', 'provider'])
    .orderBy('operation')
    .orderBy('provider');
  if (since) q = q.where('created_at', '>=', since);
  const rows = await q.execute();
  return rows.map((r) => ({
    operation: r.operation,
    provider: r.provider,
    actions: Number(r.actions),
    successes: Number(r.successes),
    firstTry: Number(r.first_try),
    correctVotes: Number(r.correct_votes),
    votes: Number(r.votes),
    avgLatencyMs: Math.round(Number(r.avg_latency ?? 0)),
  }));
}
