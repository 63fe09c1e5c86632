import { sql } from 'kysely';
import { DomainError } from '../domain/errors.ts';
import type { Database } from '../db/connect.ts';
import type { AccountKind } from '../db/schema.ts';
import { isCheckViolation, type Tx } from '../db/tx.ts';
import { newId } from '../platform/random.ts';

/** A ledger account (SPEC §3.1). The house has no stored balance: it is derived from its entries. */
export type Account = { kind: 'player'; id: string } | { kind: 'pool'; id: string } | { kind: 'house' };

export const HOUSE: Account = { kind: 'house' };
export const player = (id: string): Account => ({ kind: 'player', id });
export const pool = (id: string): Account => ({ kind: 'pool', id });

/** Ledger entry types. Both entries of a transfer carry the same type. */
export const EntryType = {
  starting_balance: 'starting_balance',
  daily_bonus: 'daily_bonus',
  quest_reward: 'quest_reward',
  prompt_entry: 'prompt_entry',
  copy_entry: 'copy_entry',
  vote_entry: 'vote_entry',
  vote_payout: 'vote_payout',
  prize_payout: 'prize_payout',
  refund: 'refund',
  pool_funding: 'pool_funding',
  vote_to_pool: 'vote_to_pool',
  pool_leftover: 'pool_leftover',
} as const;
export type EntryType = (typeof EntryType)[keyof typeof EntryType];

// Where each stored balance lives. A pool's table comes with the game's migrations.
const STORED: Record<Exclude<AccountKind, 'house'>, { table: string; column: string }> = {
  player: { table: 'players', column: 'balance' },
  pool: { table: 'phrasesets', column: 'pool_amount' },
};

async function applyDelta(tx: Tx, account: Account, delta: number): Promise<number | null> {
  if (account.kind === 'house') return null;
  const { table, column } = STORED[account.kind];
  try {
    // The UPDATE takes the row lock itself; the CHECK (>= 0) is the last line of defence.
    const r = await sql<{ bal: number }>`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${sql.ref(column)} + ${delta}
      WHERE id = ${account.id} RETURNING ${sql.ref(column)} AS bal`.execute(tx.db);
    const row = r.rows[0];
    if (!row) throw new Error(`ledger: no ${account.kind} account ${account.id}`);
    return row.bal;
  } catch (e) {
    if (isCheckViolation(e)) throw new DomainError('insufficient_balance');
    throw e;
  }
}

export interface TransferInput {
  from: Account;
  to: Account;
  amount: number;
  type: EntryType;
  referenceId?: string | null;
  now: Date;
}

export interface TransferResult {
  transferId: string;
  /** Balance after the transfer of the `from` / `to` account (null for the house). */
  fromBalance: number | null;
  toBalance: number | null;
}

/**
 * Moves `amount` coins between two accounts: both stored balances change and two entries summing to
 * zero are written, all in the caller's transaction. A zero amount writes nothing.
 */
export async function transfer(tx: Tx, t: TransferInput): Promise<TransferResult> {
  if (!Number.isInteger(t.amount) || t.amount < 0) throw new Error(`ledger: bad amount ${t.amount}`);
  const transferId = newId();
  if (t.amount === 0) return { transferId, fromBalance: null, toBalance: null };
  const fromBalance = await applyDelta(tx, t.from, -t.amount);
  const toBalance = await applyDelta(tx, t.to, t.amount);
  const entry = (a: Account, amount: number, balanceAfter: number | null) => ({
    transfer_id: transferId,
    account_kind: a.kind,
    account_id: a.kind === 'house' ? null : a.id,
    type: t.type,
    amount,
    balance_after: balanceAfter,
    reference_id: t.referenceId ?? null,
    created_at: t.now,
  });
  await tx.db
    .insertInto('ledger_entries')
    .values([entry(t.from, -t.amount, fromBalance), entry(t.to, t.amount, toBalance)])
    .execute();
  return { transferId, fromBalance, toBalance };
}

/**
 * Conservation audit: all entries sum to zero, every transfer sums to zero, and every stored balance
 * equals the sum of its account's entries. Returns the problems found (empty when the books balance).
 */
export async function auditLedger(database: Database): Promise<string[]> {
  const db = database.db;
  const problems: string[] = [];
  const total = await sql<{ s: number | null }>`SELECT sum(amount)::int8 AS s FROM ledger_entries`.execute(db);
  if ((total.rows[0]?.s ?? 0) !== 0) problems.push(`entries sum to ${total.rows[0]?.s}, not 0`);
  const badTransfers = await sql<{ transfer_id: string; s: number }>`
    SELECT transfer_id, sum(amount)::int8 AS s FROM ledger_entries GROUP BY transfer_id HAVING sum(amount) <> 0 OR count(*) <> 2 LIMIT 5`.execute(db);
  for (const r of badTransfers.rows) problems.push(`transfer ${r.transfer_id} sums to ${r.s} or is not two entries`);
  const badPlayers = await sql<{ id: string; balance: number; s: number }>`
    SELECT p.id, p.balance, coalesce(e.s, 0)::int8 AS s FROM players p
    LEFT JOIN (SELECT account_id, sum(amount) AS s FROM ledger_entries WHERE account_kind = 'player' GROUP BY account_id) e ON e.account_id = p.id
    WHERE p.balance <> coalesce(e.s, 0) LIMIT 5`.execute(db);
  for (const r of badPlayers.rows) problems.push(`player ${r.id} balance ${r.balance} but entries sum to ${r.s}`);
  const hasPools = await sql<{ t: string | null }>`SELECT to_regclass('phrasesets')::text AS t`.execute(db);
  if (hasPools.rows[0]?.t) {
    const badPools = await sql<{ id: string; pool_amount: number; s: number }>`
      SELECT ps.id, ps.pool_amount, coalesce(e.s, 0)::int8 AS s FROM phrasesets ps
      LEFT JOIN (SELECT account_id, sum(amount) AS s FROM ledger_entries WHERE account_kind = 'pool' GROUP BY account_id) e ON e.account_id = ps.id
      WHERE ps.pool_amount <> coalesce(e.s, 0) LIMIT 5`.execute(db);
    for (const r of badPools.rows) problems.push(`pool ${r.id} holds ${r.pool_amount} but entries sum to ${r.s}`);
  }
  const negative = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM players WHERE balance < 0`.execute(db);
  if ((negative.rows[0]?.n ?? 0) > 0) problems.push('a player balance is negative');
  return problems;
}
