// Order statistics the benchmarks print: the p-th percentile (nearest rank) of a list of timings;
// and a process's own peak memory.

import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in MB, every thread counted: Linux's VmHWM, which starts
 * afresh at exec. (getrusage's maxRSS does not: a child spawned by a big process reports the
 * parent's peak when its own is lower.) Elsewhere, maxRSS.
 */
export function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** The p-th percentile (0-100) of the values, which need not be sorted. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
