import type { Config } from '../config.ts';
import { normalizePhrase, validateCopyPhrase, validatePromptPhrase, validateVoteChoice } from '../domain/phrases/index.ts';
import type { Random } from '../platform/random.ts';
import { LocalEngine } from './local-engine.ts';
import { OpenAiCompatibleProvider, type LlmProvider } from './llm-provider.ts';

/**
 * The AI player's mind: asks the configured provider (the local engine, or an LLM with the local
 * engine behind it) and returns candidates already validated by the rules a human's submission meets.
 * An LLM failure of any kind (timeout, HTTP error, garbage, nothing valid) costs only latency: the
 * local engine answers instead and `error` says why.
 *
 * Slow (an LLM call): call it outside any transaction (DESIGN §3.2), never inside a player's request.
 */

export type ProviderName = 'local' | 'openai';

export interface AiAnswer<T> {
  value: T;
  /** Who produced the first candidate (`local` when the LLM failed or was not configured). */
  provider: ProviderName;
  latencyMs: number;
  /** Why the configured LLM was not used, if it was not. */
  error: string | null;
  /** Candidates rejected by validation before the first valid one (0 = valid on the first try). */
  rejectedBeforeFirst: number;
}

type Rng = Pick<Random, 'next' | 'int'>;

export class AiPlayer {
  constructor(
    readonly local: LocalEngine = new LocalEngine(),
    readonly llm: LlmProvider | null = null,
  ) {}

  get providerName(): ProviderName {
    return this.llm ? 'openai' : 'local';
  }

  /** Answers for a prompt, best first, each passing validatePromptPhrase (the last is always valid). */
  async answerPrompt(input: { promptText: string; answers: readonly string[]; avoid?: readonly string[] }, random: Rng): Promise<AiAnswer<string[]>> {
    const started = performance.now();
    const localList = () => this.local.promptCandidates(input.promptText, input.answers, random, input.avoid);
    const { fromLlm, error, rejected } = await this.tryLlm(
      (llm) => llm.answerPrompt(input.promptText),
      (p) => validatePromptPhrase(p, input.promptText),
    );
    return this.answer(fromLlm, localList, error, rejected, started);
  }

  /**
   * Copies of `original`, best first, each passing validateCopyPhrase against the original and
   * `otherCopy` (null when the AI does not know it; the server's check then decides, and the caller
   * submits the next candidate). `persona` is the AI player's fixed style and taste (see COPY_STYLES).
   */
  async writeCopy(input: { original: string; otherCopy: string | null; persona: number }, random: Rng): Promise<AiAnswer<string[]>> {
    const started = performance.now();
    const localList = () => this.local.copyCandidates(input.original, input.otherCopy, random, { persona: input.persona }).phrases;
    const { fromLlm, error, rejected } = await this.tryLlm(
      (llm) => llm.writeCopy(input.original),
      (p) => validateCopyPhrase(p, input.original, input.otherCopy),
    );
    return this.answer(fromLlm, localList, error, rejected, started);
  }

  /** The phrase to vote for: always one of `phrases` exactly as given. */
  async chooseVote(input: { promptText: string; phrases: readonly string[] }, random: Rng): Promise<AiAnswer<string>> {
    const started = performance.now();
    const { fromLlm, error, rejected } = await this.tryLlm(
      (llm) => llm.chooseVote(input.promptText, input.phrases),
      (p) => validateVoteChoice(p, input.phrases),
    );
    const value = fromLlm[0] ?? this.local.chooseVote(input.promptText, input.phrases, random);
    return { value, provider: fromLlm.length > 0 ? 'openai' : 'local', latencyMs: Math.round(performance.now() - started), error, rejectedBeforeFirst: rejected };
  }

  private answer(fromLlm: string[], localList: () => string[], error: string | null, rejected: number, started: number): AiAnswer<string[]> {
    // The local list always ends with a guaranteed-valid phrase, so retries never run dry.
    const value = [...new Set([...fromLlm, ...localList()])];
    return { value, provider: fromLlm.length > 0 ? 'openai' : 'local', latencyMs: Math.round(performance.now() - started), error, rejectedBeforeFirst: rejected };
  }

  /** Asks the LLM (if any) and keeps its candidates that pass `check`, normalised as the check returns them. */
  private async tryLlm(
    ask: (llm: LlmProvider) => Promise<string[]>,
    check: (phrase: string) => { ok: true; phrase: string } | { ok: false },
  ): Promise<{ fromLlm: string[]; error: string | null; rejected: number }> {
    if (!this.llm) return { fromLlm: [], error: null, rejected: 0 };
    try {
      const raw = await ask(this.llm);
      const valid: string[] = [];
      let rejected = 0;
      for (const c of raw) {
        const r = check(normalizePhrase(c));
        if (r.ok) valid.push(r.phrase);
        else if (valid.length === 0) rejected++;
      }
      return valid.length > 0 ? { fromLlm: valid, error: null, rejected } : { fromLlm: [], error: 'no valid phrase in the LLM answer', rejected };
    } catch (e) {
      return { fromLlm: [], error: e instanceof Error ? e.message : String(e), rejected: 0 };
    }
  }
}

/** The AI player the configuration asks for (SPEC §10.2): local, or an LLM with the local engine behind it. */
export function createAiPlayer(config: Pick<Config, 'AI_PROVIDER' | 'AI_BASE_URL' | 'AI_API_KEY' | 'AI_MODEL' | 'AI_TIMEOUT_SECONDS'>, local = new LocalEngine()): AiPlayer {
  if (config.AI_PROVIDER !== 'openai') return new AiPlayer(local, null);
  return new AiPlayer(
    local,
    new OpenAiCompatibleProvider({ baseUrl: config.AI_BASE_URL, apiKey: config.AI_API_KEY, model: config.AI_MODEL, timeoutMs: config.AI_TIMEOUT_SECONDS * 1000 }),
  );
}
