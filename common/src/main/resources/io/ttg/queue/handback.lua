-- Hands a leased chunk back at once, for a worker that is shutting down, with its checkpoint.
-- The attempt is not counted, because the chunk did not fail. The chunk goes to the front of the
-- queue so that the next claim resumes it.
-- KEYS: the run's keys (see prelude.lua)
-- ARGV[1]: chunk; ARGV[2]: lease token; ARGV[3]: encoded checkpoint, or '' for none
-- Returns 'REQUEUED' or 'LEASE_LOST'.
local chunk = ARGV[1]
if owner_token(redis.call('HGET', K_OWNERS, chunk)) ~= ARGV[2] then return 'LEASE_LOST' end
drop_lease(chunk)
if ARGV[3] ~= '' then redis.call('HSET', K_CHECKPOINTS, chunk, ARGV[3]) end
if tonumber(redis.call('HINCRBY', K_ATTEMPTS, chunk, -1)) <= 0 then
  redis.call('HDEL', K_ATTEMPTS, chunk)
end
redis.call('LPUSH', K_PENDING, chunk)
return 'REQUEUED'
