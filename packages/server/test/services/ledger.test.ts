import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { inTx } from '../../src/db/tx.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { auditLedger, EntryType, HOUSE, player, transfer } from '../../src/services/ledger.ts';
import { createTestDatabase } from '../helpers/db.ts';

let database: Database;
const now = new Date('2026-03-01T10:00:00Z');

async function newPlayer(id: string, balance = 0) {
  await database.db
    .insertInto('players')
    .values({ id, username: id, username_key: id, pseudonym: id, email: null, password_hash: null, balance: 0, created_at: now })
    .execute();
  if (balance > 0) await inTx(database.db, (tx) => transfer(tx, { from: HOUSE, to: player(id), amount: balance, type: EntryType.starting_balance, now }));
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('ledger', () => {
  const A = '00000000-0000-4000-8000-00000000000a';
  const B = '00000000-0000-4000-8000-00000000000b';

  it('writes two entries summing to zero with balance_after, and keeps stored balances equal to entries', async () => {
    await newPlayer(A, 100);
    await newPlayer(B, 0);
    const r = await inTx(database.db, (tx) => transfer(tx, { from: player(A), to: player(B), amount: 30, type: EntryType.prize_payout, referenceId: A, now }));
    expect(r).toMatchObject({ fromBalance: 70, toBalance: 30 });
    const entries = await database.db.selectFrom('ledger_entries').selectAll().where('transfer_id', '=', r.transferId).orderBy('amount').execute();
    expect(entries.map((e) => [e.account_id, e.amount, e.balance_after, e.type])).toEqual([
      [A, -30, 70, 'prize_payout'],
      [B, 30, 30, 'prize_payout'],
    ]);
    expect(await auditLedger(database)).toEqual([]);
  });

  it('refuses to take a balance below zero and leaves everything unchanged', async () => {
    const before = await database.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(inTx(database.db, (tx) => transfer(tx, { from: player(B), to: HOUSE, amount: 31, type: EntryType.vote_entry, now }))).rejects.toThrow(DomainError);
    const after = await database.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const b = await database.db.selectFrom('players').select('balance').where('id', '=', B).executeTakeFirstOrThrow();
    expect(b.balance).toBe(30);
  });

  it('the audit notices a balance that drifted from its entries', async () => {
    await database.db.updateTable('players').set({ balance: 31 }).where('id', '=', B).execute();
    expect((await auditLedger(database)).join()).toContain(`player ${B} balance 31`);
    await database.db.updateTable('players').set({ balance: 30 }).where('id', '=', B).execute();
    expect(await auditLedger(database)).toEqual([]);
  });

  it('any sequence of transfers conserves coins (property)', async () => {
    const ids = ['00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000000103'];
    for (const id of ids) await newPlayer(id, 50);
    const acct = fc.constantFrom(player(ids[0]!), player(ids[1]!), player(ids[2]!), HOUSE);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(acct, acct, fc.integer({ min: 0, max: 80 })), { maxLength: 12 }), async (moves) => {
        for (const [from, to, amount] of moves) {
          await inTx(database.db, (tx) => transfer(tx, { from, to, amount, type: EntryType.refund, now })).catch((e) => {
            if (!(e instanceof DomainError)) throw e; // overdrafts are refused, nothing else may fail
          });
        }
        expect(await auditLedger(database)).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});
