/** Linux /proc readings for benches: memory of a process, CPU time of processes, load average. */
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** VmRSS and VmHWM (peak RSS) of a process in bytes; null when it is gone or /proc is missing. */
export function memoryOf(pid: number | 'self'): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** User and system (kernel) CPU seconds a process has used so far; zeros when it is gone. */
export function cpuTimesOf(pid: number): { user: number; sys: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / CLOCK_TICKS, sys: Number(fields[12]) / CLOCK_TICKS }; // utime, stime (fields 14, 15)
  } catch {
    return { user: 0, sys: 0 };
  }
}

/** User + system CPU seconds a process has used so far; 0 when it is gone. */
export function cpuSecondsOf(pid: number): number {
  const t = cpuTimesOf(pid);
  return t.user + t.sys;
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

/** Samples a process's VmRSS every `everyMs` and keeps the highest; `stop()` adds the final VmHWM. */
export function sampleMemory(pid: number | 'self', everyMs = 250) {
  let peakRss = 0;
  let hwm = 0;
  const take = () => {
    const m = memoryOf(pid);
    if (!m) return;
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.hwm > hwm) hwm = m.hwm;
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop(): { peakRss: number; hwm: number } {
      take();
      clearInterval(timer);
      return { peakRss, hwm };
    },
  };
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
