import { useEffect, useRef, useState } from 'react';
import { useServerNow } from '../hooks/use-now.ts';
import { t } from '../i18n/index.ts';

/** The server accepts submissions until expires_at + this grace (SPEC §5); the client never shows it. */
export const GRACE_MS = 5_000;

type Bucket = 'minute' | 'thirty' | 'ten' | 'up' | null;
const bucketOf = (secs: number): Bucket => (secs <= 0 ? 'up' : secs <= 10 ? 'ten' : secs <= 30 ? 'thirty' : secs <= 60 ? 'minute' : null);

export function formatClock(totalSecs: number): string {
  const s = Math.max(0, totalSecs);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Counts down to `expiresAt` on the server's clock. Screen readers hear only the milestones (one
 * minute, 30 s, 10 s, time's up) through a polite live region, not every second. `onGraceOver`
 * fires once, a little after the server's grace period, so the caller can ask the server what
 * became of the round: the client itself never cuts the player off.
 */
export function Countdown({ expiresAt, onGraceOver, compact = false }: { expiresAt: string; onGraceOver?: () => void; compact?: boolean }) {
  const now = useServerNow();
  const end = Date.parse(expiresAt);
  const secs = Math.ceil((end - now) / 1000);
  const bucket = bucketOf(secs);
  const seen = useRef<Bucket | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const fired = useRef(false);

  useEffect(() => {
    if (seen.current === undefined) {
      seen.current = bucket; // no announcement for where we start
      return;
    }
    if (bucket && bucket !== seen.current) setAnnouncement(t.round.announce[bucket]);
    seen.current = bucket;
  }, [bucket]);

  useEffect(() => {
    if (!fired.current && onGraceOver && now > end + GRACE_MS + 1500) {
      fired.current = true;
      onGraceOver();
    }
  }, [now, end, onGraceOver]);

  const urgent = secs <= 10;
  return (
    <div className={`countdown${urgent ? ' urgent' : ''}${compact ? ' compact' : ''}`}>
      <span className="countdown-label">{secs > 0 ? t.round.timeLeft : t.round.timeUp}</span>
      <span role="timer" aria-label={t.round.timeLeft} className="countdown-value">
        {formatClock(secs)}
      </span>
      <span className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </span>
    </div>
  );
}
