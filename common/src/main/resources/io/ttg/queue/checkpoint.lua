-- Saves a chunk's progress if the caller still holds its lease, and renews the lease.
-- KEYS: the run's keys (see prelude.lua)
-- ARGV[1]: chunk; ARGV[2]: lease token; ARGV[3]: encoded checkpoint
-- Returns the new lease deadline in ms, or -1 if the lease is no longer the caller's.
local chunk = ARGV[1]
if owner_token(redis.call('HGET', K_OWNERS, chunk)) ~= ARGV[2] then return -1 end
local lease_ms = run_limits()
redis.call('HSET', K_CHECKPOINTS, chunk, ARGV[3])
local deadline = now_millis() + lease_ms
redis.call('ZADD', K_LEASES, 'XX', deadline, chunk)
return deadline
