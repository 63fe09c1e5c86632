/**
 * Optional LLM provider (SPEC §10.2): any OpenAI-compatible chat-completions endpoint
 * (`POST {AI_BASE_URL}/chat/completions`). It only proposes phrases; the caller validates every one
 * with the same rules as a human's and falls back to the local engine on any error, timeout or
 * unusable answer. It is only ever called from scheduled jobs, outside any transaction, never inside a
 * player's HTTP request.
 */

export interface LlmOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export type LlmFailure = 'timeout' | 'http' | 'network' | 'bad_response';

export class LlmError extends Error {
  constructor(
    readonly kind: LlmFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

/** What the AI player needs from a language model: candidate phrases, best first. */
export interface LlmProvider {
  readonly name: 'openai';
  answerPrompt(promptText: string): Promise<string[]>;
  writeCopy(original: string): Promise<string[]>;
  chooseVote(promptText: string, phrases: readonly string[]): Promise<string[]>;
}

const RULES =
  'Every phrase is 1 to 5 common English words, letters A-Z and spaces only (no digits, no punctuation), at most 100 characters, family friendly.';
const SYSTEM = `You are a witty player of Quipflip, a party word game. ${RULES} Reply with the requested lines only, no numbering, no commentary.`;
const MAX_BODY_CHARS = 100_000;

/** Splits a model's reply into candidate phrases: one per line, list markers and quotes removed. */
export function parseCandidates(content: string): string[] {
  const out: string[] = [];
  for (const raw of content.split(/\r?\n/)) {
    const line = raw
      .replace(/^\s*(?:\d+[.):]|[-*•])\s*/, '')
      .replace(/["“”'`]/g, '')
      .replace(/[.!?,;:]+\s*$/, '')
      .trim();
    if (line !== '' && line.length <= 100) out.push(line);
  }
  return out;
}

export class OpenAiCompatibleProvider implements LlmProvider {
  readonly name = 'openai' as const;
  private readonly url: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly o: LlmOptions) {
    this.url = `${o.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.fetchImpl = o.fetch ?? fetch;
  }

  async answerPrompt(promptText: string): Promise<string[]> {
    return parseCandidates(
      await this.complete(
        `Prompt: "${promptText}"\nWrite 5 different funny answers to this prompt, one per line. Do not reuse any word of 4 or more letters from the prompt.`,
      ),
    );
  }

  async writeCopy(original: string): Promise<string[]> {
    return parseCandidates(
      await this.complete(
        `Another player answered a prompt you cannot see with: "${original}".\nWrite 5 different phrases, one per line, that could pass as their answer to the same prompt, so other players mistake yours for the original. Do not reuse any word of 4 or more letters from it, nor a form of one.`,
      ),
    );
  }

  async chooseVote(promptText: string, phrases: readonly string[]): Promise<string[]> {
    const list = phrases.map((p, i) => `${i + 1}. ${p}`).join('\n');
    return parseCandidates(
      await this.complete(
        `Prompt: "${promptText}"\nOne of these phrases was written by a player who saw the prompt; the other two were written by players who saw only that phrase and tried to imitate it:\n${list}\nWhich one is the original? Reply with that phrase exactly, on one line.`,
      ),
    );
  }

  /** One chat completion; throws LlmError on timeout, transport failure, non-2xx or a malformed body. */
  private async complete(user: string): Promise<string> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: this.o.model,
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: user },
          ],
          temperature: 0.9,
          max_tokens: 120,
        }),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (e) {
      throw toLlmError(e);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw toLlmError(e);
    }
    if (!res.ok) throw new LlmError('http', `LLM endpoint answered ${res.status}`);
    if (text.length > MAX_BODY_CHARS) throw new LlmError('bad_response', 'LLM response too large');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new LlmError('bad_response', 'LLM response is not JSON');
    }
    const content = (body as { choices?: Array<{ message?: { content?: unknown } }> })?.choices?.[0]?.message?.content;
    if (typeof content !== 'string' || content.trim() === '') throw new LlmError('bad_response', 'LLM response has no message content');
    return content;
  }
}

function toLlmError(e: unknown): LlmError {
  if (e instanceof LlmError) return e;
  const name = (e as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new LlmError('timeout', 'LLM endpoint timed out');
  return new LlmError('network', `LLM endpoint unreachable: ${e instanceof Error ? e.message : String(e)}`);
}
