/**
 * BullMQ queues of the hub, sharing one Redis connection, and the transaction helper
 * that adds jobs in the same MULTI as the store's writes: a state change and the job
 * for the next stage happen together or not at all.
 */
import { Job, Queue, type JobsOptions } from 'bullmq';
import type { ChainableCommander } from 'ioredis';
import type { HubRedis } from '../store/connection.js';

export const BULL_PREFIX_SUFFIX = 'q';

export interface JobSpec {
  queue: string;
  name: string;
  data: Record<string, unknown>;
  jobId: string;
  options?: JobsOptions;
}

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10000 },
};

export class Queues {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly redis: HubRedis, readonly prefix: string) {}

  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: `${this.prefix}:${BULL_PREFIX_SUFFIX}`, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      // Connection trouble surfaces where a command fails; this keeps BullMQ from printing it too.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  names(): string[] {
    return [...this.queues.keys()];
  }

  /**
   * Runs `build` on a MULTI of the shared connection, adds `jobs` to it and executes.
   * Returns the replies of the commands `build` queued (job ids excluded).
   */
  async transaction(build: (multi: ChainableCommander) => void, jobs: JobSpec[] = []): Promise<unknown[]> {
    const client = (await this.get(jobs[0]?.queue ?? 'normalize').getBackend().client) as unknown as { multi(): ChainableCommander };
    const multi = client.multi();
    build(multi);
    const ownCommands = multi.length;
    const added = jobs.map((spec) => {
      const job = new Job(this.get(spec.queue), spec.name, spec.data, { ...DEFAULT_JOB_OPTIONS, ...spec.options }, spec.jobId);
      return job.addJob(multi as never);
    });
    const replies = await multi.exec();
    await Promise.allSettled(added);
    if (!replies) throw new Error('Redis transaction was aborted');
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0]!;
    return replies.slice(0, ownCommands).map(([, reply]) => reply);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
