import { request } from './client.ts';
import type {
  AbandonRoundResponse,
  BalanceResponse,
  ChangeEmailResponse,
  ChangePasswordResponse,
  ClaimPrizeResponse,
  CurrentRoundResponse,
  DailyBonusResponse,
  DashboardResponse,
  GetPromptFeedbackResponse,
  LeaderboardResponse,
  LoginResponse,
  PhraseCheck,
  PhrasesetDetails,
  PhrasesetListQuery,
  PhrasesetListResponse,
  PhrasesetResultsResponse,
  PromptFeedbackResponse,
  ClaimQuestResponse,
  QuestListResponse,
  RegisterResponse,
  RoundAvailability,
  RoundDetails,
  StartCopyRoundResponse,
  StartPromptRoundResponse,
  StartVoteRoundResponse,
  PlayerStatistics,
  SubmitPhraseResponse,
  TransactionsResponse,
  TutorialProgress,
  TutorialProgressResponse,
  TutorialStatus,
  UnclaimedResultsResponse,
  VoteResponse,
} from './types.ts';

const post = <T>(path: string, body?: unknown, idempotencyKey?: string) => request<T>(path, { method: 'POST', body: body ?? {}, idempotencyKey });
const id = encodeURIComponent;

/** One function per endpoint the client uses (paths and shapes: the core seed + SPEC). */
export const api = {
  // accounts (SPEC §2)
  register: (email: string, password: string) => request<RegisterResponse>('/player', { method: 'POST', body: { email, password }, auth: false }),
  guest: () => request<RegisterResponse>('/auth/guest', { method: 'POST', auth: false }),
  login: (email: string, password: string) => request<LoginResponse>('/auth/login', { method: 'POST', body: { email, password }, auth: false }),
  logout: () => request<void>('/auth/logout', { method: 'POST', body: {}, auth: false }),
  upgrade: (email: string, password: string) => post<RegisterResponse>('/auth/upgrade', { email, password }),
  changePassword: (current_password: string, new_password: string) => post<ChangePasswordResponse>('/player/password', { current_password, new_password }),
  changeEmail: (email: string, password: string) => request<ChangeEmailResponse>('/player/email', { method: 'PATCH', body: { email, password } }),
  deleteAccount: (password: string) => request<void>('/player/account', { method: 'DELETE', body: { password } }),

  // player (SPEC §3.7, §6)
  balance: () => request<BalanceResponse>('/player/balance'),
  dashboard: () => request<DashboardResponse>('/player/dashboard'),
  claimDailyBonus: (key: string) => post<DailyBonusResponse>('/player/claim-daily-bonus', undefined, key),
  tutorial: () => request<TutorialStatus>('/player/tutorial/status'),
  tutorialProgress: (progress: TutorialProgress) => post<TutorialProgressResponse>('/player/tutorial/progress', { progress }),
  tutorialReset: () => post<TutorialStatus>('/player/tutorial/reset'),
  transactions: (limit: number, offset: number) => request<TransactionsResponse>(`/player/transactions?limit=${limit}&offset=${offset}`),
  currentRound: () => request<CurrentRoundResponse>('/player/current-round'),
  unclaimed: () => request<UnclaimedResultsResponse>('/player/unclaimed-results'),
  phrasesets: (q: PhrasesetListQuery) => {
    const qs = new URLSearchParams();
    Object.entries(q).forEach(([k, v]) => v !== undefined && qs.set(k, String(v)));
    return request<PhrasesetListResponse>(`/player/phrasesets?${qs.toString()}`);
  },
  statistics: () => request<PlayerStatistics>('/player/statistics'),

  // rounds (SPEC §5)
  available: () => request<RoundAvailability>('/rounds/available'),
  round: (roundId: string) => request<RoundDetails>(`/rounds/${id(roundId)}`),
  startPrompt: (key: string) => post<StartPromptRoundResponse>('/rounds/prompt', undefined, key),
  startCopy: (key: string, expectedCost?: number) => post<StartCopyRoundResponse>('/rounds/copy', expectedCost === undefined ? {} : { expected_cost: expectedCost }, key),
  startVote: (key: string) => post<StartVoteRoundResponse>('/rounds/vote', undefined, key),
  submit: (roundId: string, phrase: string, key: string) => post<SubmitPhraseResponse>(`/rounds/${id(roundId)}/submit`, { phrase }, key),
  abandon: (roundId: string, key: string) => post<AbandonRoundResponse>(`/rounds/${id(roundId)}/abandon`, undefined, key),
  feedback: (roundId: string, feedback_type: 'like' | 'dislike') => post<PromptFeedbackResponse>(`/rounds/${id(roundId)}/feedback`, { feedback_type }),
  getFeedback: (roundId: string) => request<GetPromptFeedbackResponse>(`/rounds/${id(roundId)}/feedback`),
  validatePhrase: (phrase: string, roundId: string | undefined, signal?: AbortSignal) =>
    request<PhraseCheck>('/phrases/validate', { method: 'POST', body: roundId ? { phrase, round_id: roundId } : { phrase }, signal }),

  // phrasesets (SPEC §3.5, §5.6)
  vote: (phrasesetId: string, phrase: string, key: string) => post<VoteResponse>(`/phrasesets/${id(phrasesetId)}/vote`, { phrase }, key),
  details: (phrasesetId: string) => request<PhrasesetDetails>(`/phrasesets/${id(phrasesetId)}/details`),
  results: (phrasesetId: string) => request<PhrasesetResultsResponse>(`/phrasesets/${id(phrasesetId)}/results`),
  claim: (phrasesetId: string, key: string) => post<ClaimPrizeResponse>(`/phrasesets/${id(phrasesetId)}/claim`, undefined, key),

  // later features: the screens say "coming soon" while these answer 404
  quests: () => request<QuestListResponse>('/quests'),
  claimQuest: (questId: string, key: string) => post<ClaimQuestResponse>(`/quests/${id(questId)}/claim`, undefined, key),
  leaderboard: () => request<LeaderboardResponse>('/leaderboard'),
};
