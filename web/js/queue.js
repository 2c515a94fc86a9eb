// A small first-in, first-out queue that runs a few uploads at a time.

export class TaskQueue {
  /** @param {number} concurrency how many tasks run at once */
  constructor(concurrency) {
    this.concurrency = concurrency;
    this.running = 0;
    this.waiting = [];
  }

  /**
   * Runs {@code task} when a slot is free. Resolves or rejects with the task's result. A task whose
   * signal is aborted while it waits is dropped without running.
   * @param {() => Promise<any>} task
   * @param {AbortSignal} signal
   */
  add(task, signal) {
    return new Promise((resolve, reject) => {
      const entry = { task, resolve, reject, signal };
      this.waiting.push(entry);
      signal.addEventListener('abort', () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) {
          this.waiting.splice(index, 1);
          reject(signal.reason);
        }
      }, { once: true });
      this.next();
    });
  }

  next() {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const { task, resolve, reject } = this.waiting.shift();
      this.running += 1;
      Promise.resolve()
        .then(task)
        .then(resolve, reject)
        .finally(() => {
          this.running -= 1;
          this.next();
        });
    }
  }
}
