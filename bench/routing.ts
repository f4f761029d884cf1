/**
 * Routing scenario: RoutingEngine driven directly against Redis (no sockets, no database), 500 online
 * agents (limit 10 each, five skill groups) and a queue of 5,000 chats.
 *
 *   enqueue: 5,000 chats join the queue (16 callers in flight)
 *   drain:   one drain() hands the whole queue to the agents (what runs when capacity frees)
 *   assign:  5,000 new chats routed by assign() (snapshot + claim script), 16 callers in flight,
 *            then 1,000 more with a single caller (no client-side queueing)
 *
 * "Redis step" = one compare-and-set script round trip (ENQUEUE / CLAIM; for the drain, one pipelined round of up to 32 DEQUEUE_CLAIMs), timed by
 * wrapping the engine's script commands; "decision" = the whole engine call. The ceiling: a no-op EVALSHA
 * loop on the same connection (16 callers and one), reported with the ratios decisions/s : ceiling.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { RoutingEngine } from '../src/domain/routing/engine';
import type { RoutingPlan } from '../src/domain/routing/rules';
import { summarize, type LatencySummary } from './lib/metrics';

const LIMIT = 10;
const CALLERS = 16;

type Timed = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * Replaces redis[command] by a wrapper that records each call's round trip (ms) into `into`. Pipelines copy
 * the client's script commands, wrapper included: called on a pipeline it only queues the command, untimed.
 */
function timeCommand(redis: Redis, command: string, into: { samples: number[] }) {
  const target = redis as unknown as Timed;
  const original = target[command];
  target[command] = function (this: unknown, ...args: unknown[]) {
    if (this !== redis) return original.apply(this, args);
    const t = performance.now();
    return original.apply(redis, args).finally(() => into.samples.push(performance.now() - t));
  };
}

/** Records the round trip (ms) of every pipeline `exec` into `into` (the drain's pipelined claim rounds). */
function timePipelines(redis: Redis, into: { samples: number[] }) {
  const pipeline = redis.pipeline.bind(redis);
  redis.pipeline = ((...args: Parameters<Redis['pipeline']>) => {
    const p = pipeline(...args);
    const exec = p.exec.bind(p);
    // ioredis's auto-pipelining calls exec with a callback: passed through untimed.
    p.exec = ((...callback: Parameters<typeof exec>) => {
      if (callback.length) return exec(...callback);
      const t = performance.now();
      return exec().finally(() => into.samples.push(performance.now() - t));
    }) as typeof p.exec;
    return p;
  }) as Redis['pipeline'];
}

async function inParallel(count: number, callers: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

export interface RoutingPhase {
  decisions: number;
  seconds: number;
  perSecond: number;
  decisionMs: LatencySummary;
  redisStepMs: LatencySummary;
}

/**
 * The Redis round-trip ceiling measured in the same run: EVALSHA of a script that does nothing, `count`
 * times with `callers` in flight on the same connection. A routing decision needs at least one script
 * round trip, so decisions/s over this is the share of the ceiling the engine reaches.
 */
async function evalshaCeiling(redis: Redis, count: number, callers: number): Promise<number> {
  const sha = (await redis.script('LOAD', 'return 0')) as string;
  const t = performance.now();
  await inParallel(count, callers, async () => {
    await redis.evalsha(sha, 0);
  });
  return Math.round(count / ((performance.now() - t) / 1000));
}

export async function runRoutingBench(redis: Redis, prefix: string, sizes: { agents: number; queue: number } = { agents: 500, queue: 5_000 }) {
  const AGENTS = sizes.agents;
  const QUEUE = sizes.queue;
  const engine = new RoutingEngine(redis, prefix);
  const ws = randomUUID();
  const groups = Array.from({ length: 5 }, () => randomUUID());
  const agents = Array.from({ length: AGENTS }, (_, i) => ({ id: randomUUID(), groupIds: [groups[i % groups.length]] }));
  await Promise.all(agents.map((a) => engine.upsertAgent(ws, { id: a.id, limit: LIMIT, groupIds: a.groupIds })));
  await Promise.all(agents.map((a) => engine.setStatus(ws, a.id, 'online')));

  const enqueueStep = { samples: [] as number[] };
  const dequeueStep = { samples: [] as number[] };
  const claimStep = { samples: [] as number[] };
  timeCommand(redis, 'lcEnqueue', enqueueStep);
  timeCommand(redis, 'lcDequeueClaim', dequeueStep);
  timePipelines(redis, dequeueStep);
  timeCommand(redis, 'lcClaim', claimStep);

  // Nobody is online while the queue fills (status busy), so enqueue measures the queue alone.
  await Promise.all(agents.map((a) => engine.setStatus(ws, a.id, 'busy')));
  const queued = Array.from({ length: QUEUE }, () => ({ conversationId: randomUUID(), visitorId: randomUUID() }));
  let t = performance.now();
  const enqueueLatency = await inParallel(QUEUE, CALLERS, async (i) => {
    const out = await engine.enqueue(ws, { ...queued[i], target: { type: 'all' }, vip: i % 20 === 0, enqueuedAt: Date.now() }, { globalMax: QUEUE, targetMax: 0, vipPriority: true });
    if (out.kind !== 'queued') throw new Error(`enqueue ${i}: ${out.kind}`);
  });
  const enqueue = phase(QUEUE, performance.now() - t, enqueueLatency, enqueueStep.samples);

  await Promise.all(agents.map((a) => engine.setStatus(ws, a.id, 'online')));
  t = performance.now();
  const drained = await engine.drain(ws);
  const drainMs = performance.now() - t;
  if (drained.length !== QUEUE) throw new Error(`drain assigned ${drained.length} of ${QUEUE}`);
  // drain() is one call; its per-decision time is the mean (the script step is timed individually).
  const drain = phase(drained.length, drainMs, [], dequeueStep.samples);
  drain.decisionMs = { ...summarize([]), count: drained.length, mean: Math.round((drainMs / drained.length) * 1000) / 1000 };

  await Promise.all(drained.map((d) => engine.release(ws, d.conversationId)));
  const plan: RoutingPlan = { ruleId: null, steps: [{ target: { type: 'all' }, method: 'saturation' }], lastServedMinutes: null, queueTarget: { type: 'all' } };
  t = performance.now();
  const assignLatency = await inParallel(QUEUE, CALLERS, async () => {
    const out = await engine.assign(ws, randomUUID(), plan);
    if (out.kind !== 'assigned') throw new Error('assign found no agent');
  });
  const assign = phase(QUEUE, performance.now() - t, assignLatency, claimStep.samples);

  // The same with one caller: the per-decision cost without client-side queueing.
  await Promise.all((await redis.hkeys(engine.keys(ws).assignment)).map((id) => engine.release(ws, id)));
  claimStep.samples = [];
  t = performance.now();
  const serialCount = Math.min(1000, QUEUE);
  const serialLatency = await inParallel(serialCount, 1, async () => {
    const out = await engine.assign(ws, randomUUID(), plan);
    if (out.kind !== 'assigned') throw new Error('assign found no agent');
  });
  const assignOneCaller = phase(serialCount, performance.now() - t, serialLatency, claimStep.samples);

  const ceiling = { evalshaNoopPerSecond: { callers16: await evalshaCeiling(redis, QUEUE, CALLERS), callers1: await evalshaCeiling(redis, Math.min(QUEUE, 2_000), 1) } };
  const ratio = (x: number, y: number) => Math.round((x / y) * 100) / 100;
  const ratios = {
    assignVsCeiling16: ratio(assign.perSecond, ceiling.evalshaNoopPerSecond.callers16),
    assignOneCallerVsCeiling1: ratio(assignOneCaller.perSecond, ceiling.evalshaNoopPerSecond.callers1),
    drainVsCeiling1: ratio(drain.perSecond, ceiling.evalshaNoopPerSecond.callers1),
  };
  return { agents: AGENTS, limitPerAgent: LIMIT, queue: QUEUE, callersInFlight: CALLERS, enqueue, drain, assign, assignOneCaller, ceiling, ratios, workspaceId: ws };
}

function phase(decisions: number, ms: number, latencies: number[], redisStep: number[]): RoutingPhase {
  return { decisions, seconds: Math.round(ms) / 1000, perSecond: Math.round(decisions / (ms / 1000)), decisionMs: summarize(latencies), redisStepMs: summarize(redisStep) };
}
