import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { balanceOf, createGuest, type TestPlayer } from '../helpers/players.ts';
import { expectError } from './auth-helpers.ts';

/** POST /phrases/validate (SPEC §4.7): the submit rules of a round, as a dry run. */
describe('POST /phrases/validate', () => {
  let t: TestApp;
  let writer: TestPlayer;
  let copier: TestPlayer;
  let voter: TestPlayer;
  let promptRoundId: string;
  let copyRoundId: string;
  let voteRoundId: string;
  let doneRoundId: string;

  beforeAll(async () => {
    t = await createTestApp();
    writer = await createGuest(t);
    copier = await createGuest(t);
    voter = await createGuest(t);
    const now = t.clock.now();
    const expires = new Date(now.getTime() + 180_000);
    const promptId = randomUUID();
    await t.deps.db
      .insertInto('prompts')
      .values({ id: promptId, key: `test-${promptId}`, text: 'the best thing about friendship is', category: 'life', family_friendly: true, answers: '[]', created_at: now })
      .execute();
    promptRoundId = randomUUID();
    const submittedPrompt = randomUUID();
    copyRoundId = randomUUID();
    const otherCopy = randomUUID();
    voteRoundId = randomUUID();
    doneRoundId = randomUUID();
    const base = { cost: 100, created_at: now, expires_at: expires, ended_at: null, party_session_id: null };
    await t.deps.db
      .insertInto('rounds')
      .values([
        { ...base, id: promptRoundId, player_id: writer.id, type: 'prompt', status: 'active', prompt_id: promptId, prompt_text: 'the best thing about friendship is' },
        // A submitted prompt someone else wrote, with one copy in and the copier's copy round active.
        { ...base, id: submittedPrompt, player_id: voter.id, type: 'prompt', status: 'submitted', prompt_id: promptId, prompt_text: 'the best thing about friendship is', submitted_phrase: 'LOYAL DOGS', ended_at: now },
        { ...base, id: otherCopy, player_id: writer.id, type: 'copy', status: 'submitted', prompt_round_id: submittedPrompt, original_phrase: 'LOYAL DOGS', submitted_phrase: 'HAPPY CATS', ended_at: now },
        { ...base, id: copyRoundId, player_id: copier.id, type: 'copy', status: 'active', prompt_round_id: submittedPrompt, original_phrase: 'LOYAL DOGS' },
        { ...base, id: doneRoundId, player_id: voter.id, type: 'prompt', status: 'abandoned', prompt_id: promptId, prompt_text: 'the best thing about friendship is', ended_at: now },
      ])
      .execute();
    const phrasesetId = randomUUID();
    await t.deps.db
      .insertInto('phrasesets')
      .values({ id: phrasesetId, prompt_round_id: submittedPrompt, prompt_text: 'x', original_phrase: 'LOYAL DOGS', copy_phrase_1: 'HAPPY CATS', copy_phrase_2: 'GOOD PALS', status: 'open', last_activity_at: now, created_at: now })
      .execute();
    await t.deps.db
      .insertInto('rounds')
      .values({ ...base, cost: 10, id: voteRoundId, player_id: voter.id, type: 'vote', status: 'active', phraseset_id: phrasesetId, phrase_order: JSON.stringify(['HAPPY CATS', 'LOYAL DOGS', 'GOOD PALS']) })
      .execute();
  });
  afterAll(async () => t.close());

  const validate = (p: TestPlayer, payload: Record<string, unknown>) => t.req({ method: 'POST', url: '/phrases/validate', token: p.token, payload });

  it('checks format and dictionary without a round, normalising the phrase', async () => {
    const ok = await validate(writer, { phrase: '  sunny   day ' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ valid: true, phrase: 'SUNNY DAY' });

    const bad = await validate(writer, { phrase: 'qzxv' });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toEqual({ valid: false, phrase: 'QZXV', detail: 'invalid_phrase', message: "'QZXV' is not in the dictionary" });

    const chars = await validate(writer, { phrase: 'hello!' });
    expect(chars.json()).toMatchObject({ valid: false, detail: 'invalid_phrase' });
  });

  it('applies the prompt rule of a prompt round', async () => {
    const r = await validate(writer, { phrase: 'true friendship', round_id: promptRoundId });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ valid: false, phrase: 'TRUE FRIENDSHIP', detail: 'invalid_phrase' });
    expect(r.json().message).toContain('FRIENDSHIP');
    expect((await validate(writer, { phrase: 'free snacks', round_id: promptRoundId })).json()).toEqual({ valid: true, phrase: 'FREE SNACKS' });
  });

  it('applies the copy rules, never quoting the other copy', async () => {
    const orig = await validate(copier, { phrase: 'loyal dogs', round_id: copyRoundId });
    expect(orig.json()).toMatchObject({ valid: false, detail: 'duplicate_phrase' });
    const other = await validate(copier, { phrase: 'happy cats', round_id: copyRoundId });
    expect(other.json()).toEqual({ valid: false, phrase: 'HAPPY CATS', detail: 'duplicate_phrase', message: 'too close to another phrase in this set' });
    expect((await validate(copier, { phrase: 'faithful pets', round_id: copyRoundId })).json()).toEqual({ valid: true, phrase: 'FAITHFUL PETS' });
  });

  it('checks a vote choice against the phrases shown', async () => {
    expect((await validate(voter, { phrase: 'good pals', round_id: voteRoundId })).json()).toEqual({ valid: true, phrase: 'GOOD PALS' });
    expect((await validate(voter, { phrase: 'bad pals', round_id: voteRoundId })).json()).toMatchObject({ valid: false, detail: 'invalid_phrase' });
  });

  it('answers 404 for a round that is missing or not the caller’s', async () => {
    expectError(await validate(copier, { phrase: 'free snacks', round_id: promptRoundId }), 404, 'not_found');
    expectError(await validate(copier, { phrase: 'free snacks', round_id: randomUUID() }), 404, 'not_found');
  });

  it('tells when a round no longer takes a phrase', async () => {
    expect((await validate(voter, { phrase: 'free snacks', round_id: doneRoundId })).json()).toMatchObject({ valid: false, detail: 'round_not_active' });
    t.clock.advanceSeconds(180 + t.config.GRACE_PERIOD_SECONDS - 1);
    expect((await validate(writer, { phrase: 'free snacks', round_id: promptRoundId })).json()).toEqual({ valid: true, phrase: 'FREE SNACKS' });
    t.clock.advanceSeconds(2);
    expect((await validate(writer, { phrase: 'free snacks', round_id: promptRoundId })).json()).toMatchObject({ valid: false, detail: 'expired' });
    t.clock.advanceSeconds(-(180 + t.config.GRACE_PERIOD_SECONDS + 1));
  });

  it('needs a token, rejects bad bodies, and changes nothing', async () => {
    expectError(await t.req({ method: 'POST', url: '/phrases/validate', payload: { phrase: 'x' } }), 401, 'missing_credentials');
    const bad = await validate(writer, { phrase: 'x', round_id: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_error');
    const extra = await validate(writer, { phrase: 'x', cost: 1 });
    expect(extra.statusCode).toBe(400);
    expect(await balanceOf(t, writer)).toBe(t.config.STARTING_BALANCE);
    const round = await t.deps.db.selectFrom('rounds').select(['status', 'submitted_phrase']).where('id', '=', promptRoundId).executeTakeFirstOrThrow();
    expect(round).toEqual({ status: 'active', submitted_phrase: null });
    await expectLedgerBalanced(t.database);
  });
});
