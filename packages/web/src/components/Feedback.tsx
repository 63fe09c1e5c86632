import { useEffect, useRef, type ReactNode } from 'react';
import { errorText } from '../i18n/errors.ts';
import { t } from '../i18n/index.ts';
import { Icon } from './Icon.tsx';

/** An error, announced (role=alert), in friendly words. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="notice error" role="alert">
      <p>{errorText(error)}</p>
      {onRetry && (
        <button type="button" className="btn secondary small" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

/** A success or info line, announced politely. */
export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warn' }) {
  return (
    <div className={`notice ${tone}`} role="status">
      {children}
    </div>
  );
}

export function Loading({ label = t.loading }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ComingSoon({ title }: { title: string }) {
  return (
    <section className="page">
      <PageHeading>{title}</PageHeading>
      <div className="card center">
        <p className="big-icon">
          <Icon name="clock" size={48} />
        </p>
        <h2>{t.comingSoon.title}</h2>
        <p>{t.comingSoon.body}</p>
      </div>
    </section>
  );
}

let firstHeading = true;

/**
 * The page's h1. It sets the document title and, after a navigation (not on the first load), takes
 * focus so screen-reader and keyboard users start at the top of the new screen.
 */
export function PageHeading({ children, visuallyHidden = false, focus = true }: { children: string; visuallyHidden?: boolean; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · ${t.appName}`;
    if (firstHeading) {
      firstHeading = false;
      return;
    }
    // A screen that focuses its own first field (a round's phrase input) keeps that focus.
    if (focus) ref.current?.focus({ preventScroll: false });
  }, [children, focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className={visuallyHidden ? 'sr-only' : undefined}>
      {children}
    </h1>
  );
}

export function Coins({ n }: { n: number }) {
  return <span className="coins">{t.coins(n)}</span>;
}
