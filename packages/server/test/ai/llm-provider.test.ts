import { afterEach, describe, expect, it } from 'vitest';
import { LlmError, OpenAiCompatibleProvider, parseCandidates } from '../../src/ai/llm-provider.ts';
import { AiPlayer, createAiPlayer } from '../../src/ai/player.ts';
import { testConfig } from '../../src/config.ts';
import { validateCopyPhrase, validatePromptPhrase } from '../../src/domain/phrases/index.ts';
import { seededRandom } from '../../src/platform/random.ts';
import { startLlmStub, type LlmStub } from './llm-stub.ts';

/** SPEC §10.2: the optional OpenAI-compatible provider, against a stub server on 127.0.0.1. */

let stub: LlmStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const provider = (s: LlmStub, timeoutMs = 2000) => new OpenAiCompatibleProvider({ baseUrl: s.url, apiKey: 'test-key', model: 'stub-model', timeoutMs });
const PROMPT = 'the secret to happiness is';
const PHRASES = ['NAPS', 'DOZES', 'PERIODS'] as const;

describe('OpenAiCompatibleProvider', () => {
  it('posts a chat completion to {base}/chat/completions with the model and the bearer key, and parses the lines', async () => {
    stub = await startLlmStub('well', () => '1. Free pizza\n- "Long naps."\n\nEXTRA CHEESE');
    const out = await provider(stub).answerPrompt(PROMPT);
    expect(out).toEqual(['Free pizza', 'Long naps', 'EXTRA CHEESE']);
    expect(stub.requests).toHaveLength(1);
    const r = stub.requests[0]!;
    expect(r.path).toBe('/v1/chat/completions');
    expect(r.authorization).toBe('Bearer test-key');
    expect(r.body.model).toBe('stub-model');
    expect(r.body.messages.at(-1).content).toContain(PROMPT);
  });

  it('the copy request never contains the prompt (the copier writes blind)', async () => {
    stub = await startLlmStub('well', () => 'SIESTAS');
    await provider(stub).writeCopy('NAPS');
    expect(JSON.stringify(stub.requests[0]!.body)).not.toContain(PROMPT);
    expect(JSON.stringify(stub.requests[0]!.body)).toContain('NAPS');
  });

  it.each([
    ['error', 'http'],
    ['garbage', 'bad_response'],
  ] as const)('%s → LlmError(%s)', async (mode, kind) => {
    stub = await startLlmStub(mode);
    const e = await provider(stub).answerPrompt(PROMPT).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LlmError);
    expect((e as LlmError).kind).toBe(kind);
  });

  it('a hanging endpoint is cut off by the timeout', async () => {
    stub = await startLlmStub('hang');
    const started = performance.now();
    const e = await provider(stub, 300).chooseVote(PROMPT, PHRASES).catch((x: unknown) => x);
    const took = performance.now() - started;
    expect((e as LlmError).kind).toBe('timeout');
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2000);
  });

  it('an unreachable endpoint is a network error', async () => {
    stub = await startLlmStub('well');
    const url = stub.url;
    await stub.close();
    stub = undefined;
    const e = await new OpenAiCompatibleProvider({ baseUrl: url, apiKey: '', model: 'm', timeoutMs: 1000 }).answerPrompt(PROMPT).catch((x: unknown) => x);
    expect((e as LlmError).kind).toBe('network');
  });

  it('parseCandidates strips numbering, bullets, quotes and end punctuation', () => {
    expect(parseCandidates('1) "Hot dogs!"\n2. tacos.\n* ice cream\n   \n')).toEqual(['Hot dogs', 'tacos', 'ice cream']);
  });
});

describe('AiPlayer with an LLM: any failure costs only latency', () => {
  const local = () => new AiPlayer(undefined, null);
  const withLlm = (s: LlmStub, timeoutMs = 2000) => new AiPlayer(undefined, provider(s, timeoutMs));

  it('a good answer is used: validated, normalised, provider openai; the local list follows as retries', async () => {
    stub = await startLlmStub('well', (user) => (user.includes('cannot see') ? 'SIESTAS\nNAPS\nCAT NAPS' : 'free pizza\nhappiness itself'));
    const ai = withLlm(stub);
    const copy = await ai.writeCopy({ original: 'NAPS', otherCopy: null, persona: 0 }, seededRandom(1));
    expect(copy.provider).toBe('openai');
    expect(copy.error).toBeNull();
    expect(copy.value[0]).toBe('SIESTAS');
    // NAPS (the original) and CAT NAPS (reuses NAPS) were dropped by the copy rule.
    expect(copy.value).not.toContain('NAPS');
    expect(copy.value).not.toContain('CAT NAPS');
    for (const p of copy.value) expect(validateCopyPhrase(p, 'NAPS', null).ok, p).toBe(true);

    const answer = await ai.answerPrompt({ promptText: PROMPT, answers: [] }, seededRandom(1));
    expect(answer.provider).toBe('openai');
    expect(answer.value[0]).toBe('FREE PIZZA');
    expect(answer.rejectedBeforeFirst).toBe(0);
    // HAPPINESS ITSELF reuses the prompt's word: dropped.
    expect(answer.value).not.toContain('HAPPINESS ITSELF');
    for (const p of answer.value) expect(validatePromptPhrase(p, PROMPT).ok, p).toBe(true);
  });

  it('a vote answer must be one of the phrases shown; the exact shown string is returned', async () => {
    stub = await startLlmStub('well', () => 'dozes');
    const v = await withLlm(stub).chooseVote({ promptText: PROMPT, phrases: PHRASES }, seededRandom(1));
    expect(v).toMatchObject({ value: 'DOZES', provider: 'openai', error: null });
  });

  it.each(['error', 'garbage', 'garbage-content', 'hang'] as const)('%s: the local engine answers, with exactly its own result', async (mode) => {
    stub = await startLlmStub(mode);
    const ai = withLlm(stub, 300);
    const ref = local();
    const copy = await ai.writeCopy({ original: 'LOW EXPECTATIONS', otherCopy: null, persona: 1 }, seededRandom(5));
    const refCopy = await ref.writeCopy({ original: 'LOW EXPECTATIONS', otherCopy: null, persona: 1 }, seededRandom(5));
    expect(copy.provider).toBe('local');
    expect(copy.error).toBeTruthy();
    expect(copy.value).toEqual(refCopy.value);

    const vote = await ai.chooseVote({ promptText: PROMPT, phrases: PHRASES }, seededRandom(9));
    const refVote = await ref.chooseVote({ promptText: PROMPT, phrases: PHRASES }, seededRandom(9));
    expect(vote.provider).toBe('local');
    expect(vote.value).toBe(refVote.value);

    const answer = await ai.answerPrompt({ promptText: PROMPT, answers: ['NAPS', 'FREE SNACKS'] }, seededRandom(3));
    const refAnswer = await ref.answerPrompt({ promptText: PROMPT, answers: ['NAPS', 'FREE SNACKS'] }, seededRandom(3));
    expect(answer.provider).toBe('local');
    expect(answer.value).toEqual(refAnswer.value);
    if (mode === 'hang') expect(copy.latencyMs).toBeGreaterThanOrEqual(250);
  });

  it('createAiPlayer: local by default, the LLM when AI_PROVIDER=openai', () => {
    expect(createAiPlayer(testConfig()).providerName).toBe('local');
    const cfg = testConfig({ AI_PROVIDER: 'openai', AI_BASE_URL: 'http://127.0.0.1:9/v1', AI_MODEL: 'm' });
    expect(cfg.AI_TIMEOUT_SECONDS).toBe(10);
    expect(createAiPlayer(cfg).providerName).toBe('openai');
  });

  it('config: AI_* defaults, and openai without a base URL or model is refused at start', () => {
    const c = testConfig();
    expect(c).toMatchObject({ AI_PROVIDER: 'local', AI_BASE_URL: '', AI_API_KEY: '', AI_MODEL: '', AI_TIMEOUT_SECONDS: 10 });
    expect(() => testConfig({ AI_PROVIDER: 'openai' })).toThrow(/AI_BASE_URL/);
    expect(() => testConfig({ AI_PROVIDER: 'openai', AI_BASE_URL: 'http://x.test/v1' })).toThrow(/AI_MODEL/);
    expect(() => testConfig({ AI_PROVIDER: 'claude' as never })).toThrow(/AI_PROVIDER/);
    expect(() => testConfig({ AI_BASE_URL: 'ftp://x' })).toThrow(/AI_BASE_URL/);
    expect(() => testConfig({ AI_TIMEOUT_SECONDS: 0 })).toThrow(/AI_TIMEOUT_SECONDS/);
  });
});
