-- Records a chunk as done with its aggregate and results, if the caller still holds its lease.
-- The token check fences out a worker whose lease expired: it can neither complete the chunk nor
-- overwrite the results of the worker that took it over.
-- KEYS: the run's keys (see prelude.lua)
-- ARGV[1]: chunk; ARGV[2]: lease token; ARGV[3]: parameters in the chunk;
-- ARGV[4]: partial aggregate JSON; ARGV[5]: encoded results, or '' when output is not saved
-- Returns 'DONE' or 'LEASE_LOST'.
local chunk = ARGV[1]
if owner_token(redis.call('HGET', K_OWNERS, chunk)) ~= ARGV[2] then return 'LEASE_LOST' end
local now = now_millis()
drop_lease(chunk)
redis.call('HDEL', K_ATTEMPTS, chunk)
redis.call('HDEL', K_CHECKPOINTS, chunk)
if redis.call('HSETNX', K_DONE, chunk, ARGV[4]) == 1 then
  redis.call('HINCRBY', K_META, 'params_done', tonumber(ARGV[3]))
end
if ARGV[5] ~= '' then redis.call('HSET', K_RESULTS, chunk, ARGV[5]) end
redis.call('HSET', K_META, 'last_done_at', now)
settle(now)
return 'DONE'
