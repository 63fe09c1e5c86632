/**
 * Read views of the solo game (SPEC §5.10, §5.11, §6). Every public function runs the lazy checks
 * (round expiry, phraseset advance) first, then reads plain rows and projects them for the caller
 * (DESIGN §3.3, §3.8). The write side owns every state change; these files only call it.
 */
export { getCurrentRound, getRoundAvailability, getRoundDetails } from './views/rounds.ts';
export { getPendingResults, getPhrasesetDetails, getPhrasesetSummary, getUnclaimedResults, listPhrasesets, type ListOptions } from './views/phrasesets.ts';
export { getDashboard } from './views/dashboard.ts';
