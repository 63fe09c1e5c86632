/** Time is injected: nothing outside platform/ reads the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand; never sleeps. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-01-05T12:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): Date {
    this.t += ms;
    return this.now();
  }
  advanceSeconds(s: number): Date {
    return this.advance(s * 1000);
  }
}

/** UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
