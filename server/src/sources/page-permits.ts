/**
 * At most `size` pages of target docs read or held at once in this process, however many exports,
 * previews and sends run together: the memory their pages take does not grow with how many run.
 * A permit is held from the page's read until its reader is done with it; waiters are served in
 * the order they asked.
 */
export class PagePermits {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /** A permit now, or undefined when none is free. Its release may be called more than once. */
  tryAcquire(): (() => void) | undefined {
    if (this.free === 0) return undefined;
    this.free--;
    return this.releaser();
  }

  async acquire(): Promise<() => void> {
    const now = this.tryAcquire();
    if (now) return now;
    await new Promise<void>(resolve => this.waiting.push(resolve));
    return this.releaser();
  }

  get inUse(): number {
    return this.size - this.free;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}
