/**
 * Lua scripts for the routing steps that must be atomic across realtime nodes. Each returns a status code
 * (see ClaimResult) so the TypeScript side can retry or fall back.
 */

/** KEYS: status, limit, load, lastAssigned, assignment, queue. ARGV: conversationId, agentId, nowMs, requireEmptyQueue. */
export const CLAIM_SCRIPT = `
local existing = redis.call('HGET', KEYS[5], ARGV[1])
if existing then return {0, existing} end
if ARGV[4] == '1' and redis.call('ZCARD', KEYS[6]) > 0 then return {-2, ''} end
if redis.call('HGET', KEYS[1], ARGV[2]) ~= 'online' then return {-3, ''} end
local limit = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
local load = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0')
if load >= limit then return {-4, ''} end
redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[5], ARGV[1], ARGV[2])
return {1, ARGV[2]}
`;

/** KEYS: load, assignment. ARGV: conversationId. Idempotent: releasing twice frees capacity once. */
export const RELEASE_SCRIPT = `
local agent = redis.call('HGET', KEYS[2], ARGV[1])
if not agent then return '' end
redis.call('HDEL', KEYS[2], ARGV[1])
local load = tonumber(redis.call('HINCRBY', KEYS[1], agent, -1))
if load < 0 then redis.call('HSET', KEYS[1], agent, 0) end
return agent
`;

/** KEYS: queue, queueMeta, assignment. ARGV: conversationId, score, metaJson. Returns 1-based position. */
export const ENQUEUE_SCRIPT = `
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return 0 end
redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[3])
return redis.call('ZRANK', KEYS[1], ARGV[1]) + 1
`;

/**
 * KEYS: status, limit, load, lastAssigned, assignment, queue, queueMeta. ARGV: agentId, nowMs.
 * Pops the head of the queue and assigns it to the agent if the agent is online with capacity.
 */
export const DEQUEUE_CLAIM_SCRIPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'online' then return {-3, ''} end
local limit = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local load = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if load >= limit then return {-4, ''} end
local head = redis.call('ZRANGE', KEYS[6], 0, 0)
if #head == 0 then return {-5, ''} end
local conv = head[1]
redis.call('ZREM', KEYS[6], conv)
redis.call('HDEL', KEYS[7], conv)
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[5], conv, ARGV[1])
return {1, conv}
`;

/** KEYS: queue, queueMeta. ARGV: conversationId. Returns 1 if it was queued. */
export const LEAVE_QUEUE_SCRIPT = `
redis.call('HDEL', KEYS[2], ARGV[1])
return redis.call('ZREM', KEYS[1], ARGV[1])
`;
