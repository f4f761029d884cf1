/**
 * Lua scripts for the routing steps that must be atomic across realtime nodes. Each is a compare-and-set:
 * it re-checks what the caller decided from a snapshot, so a decision that lost a race fails cleanly
 * (negative code) instead of over-assigning.
 *
 * Codes: 1 done, 0 already assigned (returns the agent), -2 target queue not empty, -3 agent not online,
 * -4 agent at limit, -5 nothing queued, -6 queue full (global), -7 queue full (target), -8 round-robin
 * position moved (returns the current one).
 */

/**
 * KEYS: status, limit, load, lastAssigned, assignment, targetQueue, roundRobin.
 * ARGV: conversationId, agentId, nowMs, requireEmptyQueue ('1'|'0'), roundRobinField ('' = none),
 *       requireOnline ('1'|'0': always-on "all agents" assigns to agents whatever their status),
 *       expectedRoundRobin (the rotation position the decision was ranked from, '' = none yet).
 * Round robin is a compare-and-set on the rotation position too: a decision ranked from a position
 * another node has moved since returns -8 with the current position, and the caller re-ranks from it
 * (otherwise two nodes with snapshots a few milliseconds old would serve the same agent twice in a row).
 */
export const CLAIM_SCRIPT = `
local existing = redis.call('HGET', KEYS[5], ARGV[1])
if existing then return {0, existing} end
if ARGV[4] == '1' and redis.call('ZCARD', KEYS[6]) > 0 then return {-2, ''} end
if ARGV[5] ~= '' then
  local position = redis.call('HGET', KEYS[7], ARGV[5]) or ''
  if position ~= (ARGV[7] or '') then return {-8, position} end
end
local status = redis.call('HGET', KEYS[1], ARGV[2])
if not status or (ARGV[6] ~= '0' and status ~= 'online') then return {-3, ''} end
local limit = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
local load = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0')
if load >= limit then return {-4, ''} end
redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[5], ARGV[1], ARGV[2])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[7], ARGV[5], ARGV[2]) end
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

/**
 * KEYS: targetQueue, queueMeta, assignment, queueLength.
 * ARGV: conversationId, score, entryJson, globalMax, targetMax (0 = none).
 * Returns {position} (1-based), {0} if already assigned, {-6}/{-7} when full. Idempotent.
 */
export const ENQUEUE_SCRIPT = `
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return {0} end
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if rank then return {rank + 1} end
if tonumber(redis.call('GET', KEYS[4]) or '0') >= tonumber(ARGV[4]) then return {-6} end
local targetMax = tonumber(ARGV[5])
if targetMax > 0 and redis.call('ZCARD', KEYS[1]) >= targetMax then return {-7} end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('INCR', KEYS[4])
return {redis.call('ZRANK', KEYS[1], ARGV[1]) + 1}
`;

/**
 * KEYS: status, limit, load, lastAssigned, assignment, queueMeta, queueLength, then the queues the agent
 * serves followed by the pools it serves. ARGV: agentId, nowMs, number of queue keys (the rest are pools).
 * Takes the best-placed head (lowest score: VIP band first, then oldest; pools in their configured order)
 * and assigns it to the agent, if the agent is online with capacity. Only queue entries count in qlen.
 */
export const DEQUEUE_CLAIM_SCRIPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'online' then return {-3, ''} end
local limit = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local load = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if load >= limit then return {-4, ''} end
local bestKey, bestConv, bestScore, bestIndex = nil, nil, nil, nil
for i = 8, #KEYS do
  local head = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  if #head > 0 then
    local score = tonumber(head[2])
    if not bestScore or score < bestScore then bestKey, bestConv, bestScore, bestIndex = KEYS[i], head[1], score, i end
  end
end
if not bestConv then return {-5, ''} end
redis.call('ZREM', bestKey, bestConv)
redis.call('HDEL', KEYS[6], bestConv)
if bestIndex < 8 + tonumber(ARGV[3]) then redis.call('DECR', KEYS[7]) end
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[5], bestConv, ARGV[1])
return {1, bestConv}
`;

/**
 * KEYS: targetQueueOrPool, queueMeta, queueLength. ARGV: conversationId, countsInLength ('1' queue, '0' pool).
 * Returns 1 if it was waiting there.
 */
export const LEAVE_QUEUE_SCRIPT = `
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('HDEL', KEYS[2], ARGV[1])
  if ARGV[2] == '1' then redis.call('DECR', KEYS[3]) end
  return 1
end
return 0
`;

/**
 * KEYS: assignment, queueMeta. ARGV: conversationId, agent sockets key prefix (`<base>:sockets:`).
 * Whether a visitor's message goes to nobody connected: 1 if the chat's agent has no live socket or the chat
 * waits in the always-on pool, 0 otherwise (online agent, or queued: waiting is not "offline").
 * The sockets key is derived in the script; it shares the workspace hash tag, so it is in the same slot.
 */
export const AGENT_SIDE_OFFLINE_SCRIPT = `
local agent = redis.call('HGET', KEYS[1], ARGV[1])
if agent then
  if redis.call('HLEN', ARGV[2] .. agent) == 0 then return 1 end
  return 0
end
local meta = redis.call('HGET', KEYS[2], ARGV[1])
if meta and string.find(meta, '"pool":true', 1, true) then return 1 end
return 0
`;

/** KEYS: pool, queueMeta, assignment. ARGV: conversationId, score, entryJson. 0 if already assigned. */
export const POOL_ADD_SCRIPT = `
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1
`;

/**
 * KEYS: status, limit, load, lastAssigned, assignment, queueMeta, pool. ARGV: conversationId, agentId, nowMs.
 * An agent claims one specific chat from the Unassigned pool: online or busy (busy agents get no automatic
 * assignments but may pick chats by hand), under their limit.
 */
export const POOL_CLAIM_SCRIPT = `
local status = redis.call('HGET', KEYS[1], ARGV[2])
if status ~= 'online' and status ~= 'busy' then return -3 end
local limit = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
local load = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0')
if load >= limit then return -4 end
if redis.call('ZREM', KEYS[7], ARGV[1]) == 0 then return -5 end
redis.call('HDEL', KEYS[6], ARGV[1])
redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[5], ARGV[1], ARGV[2])
return 1
`;

/**
 * KEYS: status, limit, load, lastAssigned, assignment. ARGV: conversationId, fromAgentId, toAgentId, nowMs.
 * Moves an assigned chat to another agent if the chat is still the sender's and the receiver has capacity.
 */
export const TRANSFER_SCRIPT = `
if redis.call('HGET', KEYS[5], ARGV[1]) ~= ARGV[2] then return -1 end
if redis.call('HGET', KEYS[1], ARGV[3]) ~= 'online' then return -3 end
local limit = tonumber(redis.call('HGET', KEYS[2], ARGV[3]) or '0')
local load = tonumber(redis.call('HGET', KEYS[3], ARGV[3]) or '0')
if load >= limit then return -4 end
local fromLoad = tonumber(redis.call('HINCRBY', KEYS[3], ARGV[2], -1))
if fromLoad < 0 then redis.call('HSET', KEYS[3], ARGV[2], 0) end
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
redis.call('HSET', KEYS[4], ARGV[3], ARGV[4])
redis.call('HSET', KEYS[5], ARGV[1], ARGV[3])
return 1
`;
