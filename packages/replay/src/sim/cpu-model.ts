// The closed loop's model of $CPUPercent: a straight line fitted (least squares) on the recording
// between recorded CPU and recorded slot utilization (running tasks / (usable nodes x slots)), then
// applied to the simulated utilization. Without CPU samples to fit on, CPU is not simulated.

import type { MetricHistory } from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { stepValueAt } from './trajectory.ts';

export interface CpuModel {
  intercept: number;
  slope: number;
  /** Coefficient of determination of the fit, 0..1. */
  r2: number;
  samples: number;
}

/** Fewer points than this do not make a fit worth trusting. */
const MIN_SAMPLES = 20;

export function fitCpuModel(recording: Recording, slotsPerNode: number): CpuModel | undefined {
  const cpu = recording.columns.get('$CPUPercent');
  const running = recording.columns.get('$RunningTasks');
  const ded = recording.columns.get('$CurrentDedicatedNodes');
  const low = recording.columns.get('$CurrentLowPriorityNodes');
  const preempted = recording.columns.get('$PreemptedNodeCount');
  if (cpu === undefined || running === undefined || (ded === undefined && low === undefined)) return undefined;
  const at = (h: MetricHistory | undefined, t: number): number => (h === undefined ? 0 : (stepValueAt(h, t) ?? 0));
  let n = 0,
    su = 0,
    sc = 0,
    suu = 0,
    suc = 0,
    scc = 0;
  let r = 0;
  for (let i = 0; i < cpu.times.length; i++) {
    const t = cpu.times[i] as number;
    while (r < running.times.length && (running.times[r] as number) < t) r++;
    if (running.times[r] !== t) continue;
    const usable = at(ded, t) + at(low, t) - at(preempted, t);
    if (usable <= 0) continue;
    const u = Math.min(1, (running.values[r] as number) / (usable * slotsPerNode));
    const c = cpu.values[i] as number;
    n++;
    su += u;
    sc += c;
    suu += u * u;
    suc += u * c;
    scc += c * c;
  }
  const varU = suu - (su * su) / Math.max(1, n);
  if (n < MIN_SAMPLES || !(varU > 1e-9)) return undefined;
  const slope = (suc - (su * sc) / n) / varU;
  const intercept = (sc - slope * su) / n;
  const varC = scc - (sc * sc) / n;
  const residual =
    scc -
    2 * intercept * sc -
    2 * slope * suc +
    intercept * intercept * n +
    2 * intercept * slope * su +
    slope * slope * suu;
  return { intercept, slope, r2: varC > 0 ? Math.max(0, 1 - residual / varC) : 0, samples: n };
}

export function cpuFromUtilization(model: CpuModel, utilization: number): number {
  return Math.max(0, Math.min(100, model.intercept + model.slope * utilization));
}
