import type { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { AccountsService } from '../../src/domain/accounts/service';
import { createRedis } from '../../src/lib/redis';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from '../../src/lib/rate-limits';
import { signStaffToken } from '../../src/lib/tokens';
import { startRealtimeServer, type RealtimeServer } from '../../src/realtime/server';
import { startWorker, type WorkerHandle } from '../../src/worker/worker';
import { eq } from 'drizzle-orm';
import { settings, workspaces } from '../../src/db/schema';
import { SETTINGS_SCHEMAS } from '../../src/domain/settings/schemas';
import { cleanupRedisPrefix, createTestDatabase, TEST_REDIS_URL, uniqueRedisPrefix, type TestDatabase } from './db';

export const TEST_AUTH_SECRET = 'test-secret-test-secret-test-secret-0123456789';
/** A password that passes the policy (at least 10 characters, not guessable). */
export const TEST_PASSWORD = 'Correct-Horse-Battery-9';

/** Limits high enough never to trip in functional tests. */
export const LIFTED_RATE_LIMITS: RateLimitConfig = Object.fromEntries(
  Object.entries(DEFAULT_RATE_LIMITS).map(([k, v]) => [k, k === 'signInFreeAttempts' || k === 'signInDelayBaseSeconds' || k === 'signInLockoutSeconds' ? v : 1_000_000]),
) as unknown as RateLimitConfig;

export interface TestWorkspace {
  workspaceId: string;
  widgetKey: string;
  adminId: string;
  agents: { id: string; email: string; name: string }[];
}

/**
 * One integration-test world: an isolated database and Redis prefix, any number of realtime nodes and
 * workers sharing them, and helpers to create workspaces and connect real socket.io clients.
 */
export class ChatHarness {
  readonly prefix = uniqueRedisPrefix();
  redis!: Redis;
  database!: TestDatabase;
  accounts!: AccountsService;
  nodes: RealtimeServer[] = [];
  workers: WorkerHandle[] = [];
  private sockets: Socket[] = [];

  /** `redisUrl`: a throwaway Redis of the test's own (fault injection); the shared one by default. */
  constructor(readonly redisUrl = TEST_REDIS_URL) {}

  async setup(): Promise<this> {
    this.database = await createTestDatabase();
    this.redis = createRedis(this.redisUrl);
    this.accounts = new AccountsService(this.database.db);
    return this;
  }

  /**
   * A realtime node. Rate limits are lifted (tests run many visitors from one IP) unless `rateLimits`
   * sets some; tests of the limits pass their own.
   */
  async startNode(options: { presenceGraceSeconds?: number; heartbeatTtlSeconds?: number; rateLimits?: Partial<RateLimitConfig>; trustedProxies?: string } = {}): Promise<RealtimeServer> {
    const node = await startRealtimeServer(
      {
        authSecret: TEST_AUTH_SECRET,
        redisPrefix: this.prefix,
        corsOrigins: ['http://localhost'],
        presenceGraceSeconds: options.presenceGraceSeconds ?? 30,
        heartbeatTtlSeconds: options.heartbeatTtlSeconds,
        port: 0,
        rateLimits: { ...LIFTED_RATE_LIMITS, ...options.rateLimits },
        trustedProxies: options.trustedProxies,
      },
      this.database.db,
      createRedis(this.redisUrl),
    );
    this.nodes.push(node);
    return node;
  }

  async startWorker(options: { sweepEveryMs?: number } = {}): Promise<WorkerHandle> {
    const worker = await startWorker({ redisPrefix: this.prefix, sweepEveryMs: options.sweepEveryMs }, this.database.db, createRedis(this.redisUrl));
    this.workers.push(worker);
    return worker;
  }

  /** Saves a settings section the way the console does (validated, versioned, invalidated on every node). */
  async saveSettings(node: RealtimeServer, workspaceId: string, section: Parameters<RealtimeServer['settings']['save']>[1], value: unknown): Promise<void> {
    await node.settings.save(workspaceId, section, value as never, null);
  }

  /**
   * A signed-up workspace with `agentCount` agents. Tests written before issue 21 assumed the leave-a-message
   * form and ratings off: they are saved off here (as an admin would) unless `productDefaults` asks for a
   * workspace exactly as a new customer gets it.
   */
  async createWorkspace(agentCount = 2, options: { receptionLimit?: number; productDefaults?: boolean } = {}): Promise<TestWorkspace> {
    const tag = Math.random().toString(36).slice(2, 8);
    const { workspaceId, user } = await this.accounts.signUp({ workspaceName: `WS ${tag}`, name: 'Admin', email: `admin-${tag}@test.dev`, password: TEST_PASSWORD });
    const agents = [];
    for (let i = 0; i < agentCount; i++) {
      const a = await this.accounts.createAgent(workspaceId, {
        name: `Agent ${i + 1}`,
        email: `agent${i + 1}-${tag}@test.dev`,
        password: TEST_PASSWORD,
        receptionLimit: options.receptionLimit ?? null,
      });
      agents.push({ id: a.id, email: a.email, name: a.name });
    }
    if (!options.productDefaults) {
      await this.database.db.insert(settings).values([
        { workspaceId, section: 'submission', value: SETTINGS_SCHEMAS.submission.parse({ enabled: false }) },
        { workspaceId, section: 'satisfaction', value: SETTINGS_SCHEMAS.satisfaction.parse({ enabled: false }) },
      ]);
    }
    const [ws] = await this.database.db.select({ widgetKey: workspaces.widgetKey }).from(workspaces).where(eq(workspaces.id, workspaceId));
    return { workspaceId, widgetKey: ws.widgetKey, adminId: user.id, agents };
  }

  /** A visitor socket; resolves once the server has sent the `session` event. */
  async visitor(node: RealtimeServer, widgetKey: string, token?: string): Promise<{ socket: Socket; session: VisitorSession }> {
    const socket = this.track(connect(`http://127.0.0.1:${node.port}/visitor`, { transports: ['websocket'], auth: { widgetKey, token }, forceNew: true, reconnection: false }));
    const session = await nextEvent<VisitorSession>(socket, 'session');
    return { socket, session };
  }

  async staff(node: RealtimeServer, workspaceId: string, userId: string, role: 'admin' | 'supervisor' | 'agent' = 'agent'): Promise<Socket> {
    const token = await signStaffToken(TEST_AUTH_SECRET, { uid: userId, wid: workspaceId, role });
    const socket = this.track(connect(`http://127.0.0.1:${node.port}/agent`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false }));
    await nextEvent(socket, 'presence');
    return socket;
  }

  /** Connects a raw socket without waiting for anything (for refused-handshake tests). */
  raw(node: RealtimeServer, namespace: string, auth: Record<string, unknown>): Socket {
    return this.track(connect(`http://127.0.0.1:${node.port}${namespace}`, { transports: ['websocket'], auth, forceNew: true, reconnection: false }));
  }

  private track(socket: Socket): Socket {
    this.sockets.push(socket);
    return socket;
  }

  async teardown(): Promise<void> {
    for (const s of this.sockets) s.disconnect();
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled(this.nodes.map((n) => n.close()));
    await cleanupRedisPrefix(this.redis, this.prefix);
    await this.redis.quit();
    await this.database.drop();
  }
}

export interface VisitorSession {
  visitorId: string;
  token: string;
  conversation: { id: string; status: string } | null;
  messages: { seq: number; body: string; senderType: string }[];
  queue: { position: number; waitSeconds: number | null; text: string } | null;
}

/** Resolves with the next `event` payload matching `predicate` (rejects after timeoutMs). */
export function nextEvent<T = unknown>(socket: Socket, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timed out waiting for "${event}"`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

/** Emits with an ack and returns the server's answer. */
export function request<T = any>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  return socket.timeout(20_000).emitWithAck(event, payload) as Promise<T>;
}
