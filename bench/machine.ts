import { readFileSync } from 'node:fs';
import os from 'node:os';
import { serverCodeVersion } from './code-version';

export interface Machine {
  cpu: string;
  cores: number;
  ramBytes: number;
  node: string;
  os: string;
  date: string;
  commit: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverageAtStart: number;
  /** CPU used by processes other than the benchmark and its servers while it ran, in cores. */
  otherCpu?: { averageCores: number; peakCores: number };
}

const cpuModel = (): string => {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) {
      return match[1].trim();
    }
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
};

export const describeMachine = (): Machine => ({
  cpu: cpuModel(),
  cores: os.cpus().length,
  ramBytes: os.totalmem(),
  node: process.version,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  date: new Date().toISOString(),
  commit: serverCodeVersion(),
  loadAverageAtStart: os.loadavg()[0],
});

const HZ = 100;

const busyJiffies = (): number | undefined => {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: all but idle and iowait.
    return fields.slice(0, 8).reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  } catch {
    return undefined;
  }
};

const processJiffies = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
};

/**
 * Watches how much CPU the rest of the machine uses while the benchmark runs (from /proc: all
 * busy time, less this process's and its servers'), so a report says when its timings are noisy.
 */
export class OtherCpuMonitor {
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly started = performance.now();
  private readonly seen = new Map<number, number>();
  private last = busyJiffies();
  private others = 0;
  private peakCores = 0;

  constructor(private readonly ownPids: () => number[], intervalMs = 2000) {
    if (this.last === undefined) {
      return;
    }
    this.ownDelta();
    let lastAt = performance.now();
    this.timer = setInterval(() => {
      const busy = busyJiffies()!;
      const now = performance.now();
      const others = Math.max(0, busy - this.last! - this.ownDelta());
      this.others += others;
      this.peakCores = Math.max(this.peakCores, others / HZ / ((now - lastAt) / 1000));
      this.last = busy;
      lastAt = now;
    }, intervalMs);
    this.timer.unref();
  }

  private ownDelta(): number {
    let delta = 0;
    for (const pid of [process.pid, ...this.ownPids()]) {
      const jiffies = processJiffies(pid);
      if (jiffies !== undefined) {
        delta += jiffies - (this.seen.get(pid) ?? 0);
        this.seen.set(pid, jiffies);
      }
    }
    return delta;
  }

  stop(): { averageCores: number; peakCores: number } | undefined {
    if (!this.timer) {
      return undefined;
    }
    clearInterval(this.timer);
    const seconds = (performance.now() - this.started) / 1000;
    return { averageCores: this.others / HZ / seconds, peakCores: this.peakCores };
  }
}
