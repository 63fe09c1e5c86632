import type { Tx } from '../db/tx.ts';
import { channels } from '../realtime/hub.ts';
import type { Deps } from './deps.ts';

/**
 * Notifications about a writer's phrasesets (SPEC §9.8 notification socket, Appendix B): nudges
 * published on the writer's player channel after the transaction commits. `phrase_text` is always the
 * recipient's OWN phrase, so a notification never reveals the prompt or another copy before
 * finalization.
 */

export type NotificationType = 'copy_submitted' | 'vote_submitted' | 'phraseset_finalized';

export interface NotificationEvent {
  type: 'notification';
  notification_type: NotificationType;
  actor_username: string;
  phraseset_id?: string;
  phrase_text: string;
  timestamp: string;
}

/** The name shown for system-driven notifications (finalization has no acting player). */
export const SYSTEM_ACTOR = 'Quipflip';

export interface NotificationInput {
  notification_type: NotificationType;
  actor_username: string;
  phraseset_id?: string | null;
  now: Date;
}

export function buildNotification(n: NotificationInput, phraseText: string): NotificationEvent {
  const event: NotificationEvent = {
    type: 'notification',
    notification_type: n.notification_type,
    actor_username: n.actor_username,
    phrase_text: phraseText,
    timestamp: n.now.toISOString(),
  };
  if (n.phraseset_id) event.phraseset_id = n.phraseset_id;
  return event;
}

/** Queues one notification per recipient, published only once `t` has committed (DESIGN §3.7). */
export function notifyAfterCommit(
  t: Tx,
  deps: Pick<Deps, 'hub'>,
  recipients: ReadonlyArray<{ playerId: string; phraseText: string }>,
  n: NotificationInput,
): void {
  if (recipients.length === 0) return;
  t.afterCommit(async () => {
    for (const r of recipients) await deps.hub.publish(channels.player(r.playerId), { ...buildNotification(n, r.phraseText) });
  });
}
