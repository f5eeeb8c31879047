/**
 * Boxes started ahead of time so that a Run click does not wait for a container to start
 * (~130 ms on Docker). A pooled box is fresh: never used, taken once, then destroyed with its
 * session. Only requests for the pool's own box options are served from it.
 */
import type { Logger } from "pino";
import type { Backend, Box, BoxOptions } from "./backend";

export class BoxPool {
  private readonly ready: Box[] = [];
  private starting = 0;
  private closed = false;

  constructor(
    private readonly backend: Backend,
    private readonly options: BoxOptions,
    private readonly size: number,
    private readonly logger?: Logger,
  ) {
    this.refill();
  }

  /** A ready box when the options match and one is waiting; otherwise a freshly made one. */
  async acquire(options: BoxOptions): Promise<Box> {
    if (this.matches(options)) {
      const box = this.ready.shift();
      this.refill();
      if (box) return box;
    }
    return this.backend.createBox(options);
  }

  private matches(options: BoxOptions): boolean {
    return options.memoryMb === this.options.memoryMb && options.processes === this.options.processes && options.tmpMb === this.options.tmpMb;
  }

  private refill(): void {
    while (!this.closed && this.ready.length + this.starting < this.size) {
      this.starting++;
      this.backend
        .createBox(this.options)
        .then(async (box) => {
          if (this.closed) await box.destroy();
          else this.ready.push(box);
        })
        .catch((error: Error) => this.logger?.warn({ event: "sandbox.pool", err: error.message }, "could not start a warm box"))
        .finally(() => this.starting--);
    }
  }

  /** Destroy the waiting boxes; boxes already handed out belong to their sessions. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.ready.splice(0).map((box) => box.destroy().catch(() => {})));
  }
}
