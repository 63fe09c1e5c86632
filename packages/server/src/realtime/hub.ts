/**
 * Pub/sub between services and sockets. Events are nudges published after commit (DESIGN §3.7):
 * losing one never loses state, clients refetch. In-memory for one process; Redis across instances.
 */
export type HubHandler = (event: Record<string, unknown>) => void;

export interface Hub {
  publish(channel: string, event: Record<string, unknown>): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, handler: HubHandler): () => void;
  readonly kind: 'memory' | 'redis';
  close(): Promise<void>;
}

export const channels = {
  player: (playerId: string) => `player:${playerId}`,
  party: (sessionId: string) => `party:${sessionId}`,
};

export class MemoryHub implements Hub {
  readonly kind = 'memory' as const;
  private readonly subs = new Map<string, Set<HubHandler>>();

  async publish(channel: string, event: Record<string, unknown>): Promise<void> {
    for (const h of [...(this.subs.get(channel) ?? [])]) {
      try {
        h(event);
      } catch {
        /* one bad subscriber must not stop the others */
      }
    }
  }

  subscribe(channel: string, handler: HubHandler): () => void {
    let set = this.subs.get(channel);
    if (!set) this.subs.set(channel, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.subs.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.subs.clear();
  }
}
