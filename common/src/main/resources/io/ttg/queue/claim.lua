-- Claims the next pending chunk, after putting back on the queue up to ARGV[2] chunks whose
-- lease has expired. Every worker runs this, so no separate reaper is needed. A chunk whose
-- expired lease was its last allowed attempt is parked as failed instead.
-- KEYS: the run's keys (see prelude.lua)
-- ARGV[1]: worker id; ARGV[2]: the most expired leases to re-queue
-- Returns {'leased', chunk, token, attempt, deadline ms, checkpoint or ''}
--      or {'empty', finished (0 or 1), leased chunks, earliest lease deadline ms or 0}
--      or {'missing'} when the run's spec is gone.
if redis.call('EXISTS', K_SPEC) == 0 then return {'missing'} end
local worker, reap_limit = ARGV[1], tonumber(ARGV[2])
local lease_ms, max_attempts = run_limits()
local now = now_millis()

local expired = redis.call('ZRANGEBYSCORE', K_LEASES, '-inf', now, 'LIMIT', 0, reap_limit)
for _, chunk in ipairs(expired) do
  local owner = redis.call('HGET', K_OWNERS, chunk)
  drop_lease(chunk)
  local attempts = tonumber(redis.call('HGET', K_ATTEMPTS, chunk) or '0')
  if attempts >= max_attempts then
    park(chunk, attempts, owner_worker(owner), 'lease expired on attempt ' .. attempts
      .. ' of ' .. max_attempts .. ': worker ' .. owner_worker(owner)
      .. ' stopped renewing it (crashed, killed or frozen)', now)
  else
    redis.call('LPUSH', K_PENDING, chunk)
    redis.call('HINCRBY', K_META, 'redelivered', 1)
  end
end
if #expired > 0 then settle(now) end

local chunk = redis.call('LPOP', K_PENDING)
if not chunk then
  local leased = redis.call('ZCARD', K_LEASES)
  local next_deadline = 0
  if leased > 0 then
    next_deadline = tonumber(redis.call('ZRANGE', K_LEASES, 0, 0, 'WITHSCORES')[2])
  end
  local state = redis.call('HGET', K_META, 'state')
  local finished = 0
  if state == 'COMPLETED' or state == 'COMPLETED_WITH_FAILURES' then finished = 1 end
  return {'empty', finished, leased, next_deadline}
end

if not tonumber(chunk) then
  return redis.error_reply('ERR key ' .. K_PENDING .. ' held "' .. chunk .. '", which is not a'
    .. ' chunk number; the key was not written by TTG')
end
local attempt = redis.call('HINCRBY', K_ATTEMPTS, chunk, 1)
-- A token is at least the server's clock in microseconds, and no claim script runs faster than
-- that. So a run that is lost or deleted and enqueued again never issues an old token again, and
-- the old run's workers cannot pass the new fencing. The value stays below 2^53, so Lua's
-- doubles represent it exactly.
local token = math.max(tonumber(redis.call('HGET', K_META, 'lease_seq') or '0') + 1,
  now_micros())
redis.call('HSET', K_META, 'lease_seq', string.format('%d', token))
local deadline = now + lease_ms
redis.call('ZADD', K_LEASES, deadline, chunk)
redis.call('HSET', K_OWNERS, chunk, string.format('%d', token) .. ':' .. worker)
redis.call('HSETNX', K_META, 'started_at', now)
if redis.call('HGET', K_META, 'state') == 'QUEUED' then
  redis.call('HSET', K_META, 'state', 'RUNNING')
end
local checkpoint = redis.call('HGET', K_CHECKPOINTS, chunk) or ''
return {'leased', tonumber(chunk), token, attempt, deadline, checkpoint}
