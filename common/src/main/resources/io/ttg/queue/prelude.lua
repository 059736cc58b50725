-- Shared prelude, prepended by LuaScript to every script in this folder.
-- Every script gets the run's keys in the order of RunKeys.all(): all share one hash tag, so a
-- run lives in one Redis Cluster slot and each script touches one slot only.
local K_SPEC, K_META, K_PENDING, K_LEASES, K_OWNERS = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local K_ATTEMPTS, K_DONE, K_FAILED, K_RESULTS, K_CHECKPOINTS = KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]

-- Returns the server's clock in epoch milliseconds. Scripts are replicated by their effects, so
-- reading TIME is safe; lease deadlines never depend on a worker's clock.
local function now_millis()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Returns the server's clock in epoch microseconds, for lease tokens.
local function now_micros()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end

-- Returns the run's lease length in ms and max attempts, stored in meta by create.lua. Raises an
-- error that names the key when either is not a number. claim.lua calls it before its first
-- write, so such a claim changes nothing.
local function run_limits()
  local limits = redis.call('HMGET', K_META, 'lease_ms', 'max_attempts')
  local lease_ms, max_attempts = tonumber(limits[1]), tonumber(limits[2])
  if not lease_ms or not max_attempts then
    error(redis.error_reply('ERR key ' .. K_META .. ' field lease_ms or max_attempts is missing'
      .. ' or not a number; the key was not written by TTG'))
  end
  return lease_ms, max_attempts
end

-- Returns the lease token stored in an owner entry of the form "token:worker".
local function owner_token(owner)
  if not owner then return nil end
  return string.match(owner, '^[^:]+')
end

local function owner_worker(owner)
  if not owner then return '?' end
  return string.match(owner, ':(.*)$') or '?'
end

-- Marks the run finished once every chunk is queued and none is pending or leased.
local function settle(now)
  local meta = redis.call('HMGET', K_META, 'queued', 'chunks', 'state')
  if meta[1] ~= meta[2] then return end
  if meta[3] == 'COMPLETED' or meta[3] == 'COMPLETED_WITH_FAILURES' then return end
  if redis.call('LLEN', K_PENDING) > 0 or redis.call('ZCARD', K_LEASES) > 0 then return end
  local state = 'COMPLETED'
  if redis.call('HLEN', K_FAILED) > 0 then state = 'COMPLETED_WITH_FAILURES' end
  redis.call('HSET', K_META, 'state', state, 'finished_at', now)
end

-- Parks a chunk as failed with its last error; it leaves the pending list for good.
local function park(chunk, attempts, worker, err, now)
  local entry = cjson.encode({attempts = attempts, worker = worker, error = err, at = now})
  redis.call('HSET', K_FAILED, chunk, entry)
  redis.call('HDEL', K_ATTEMPTS, chunk)
end

-- Releases the lease of a chunk without looking at its token.
local function drop_lease(chunk)
  redis.call('ZREM', K_LEASES, chunk)
  redis.call('HDEL', K_OWNERS, chunk)
end
