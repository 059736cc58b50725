-- Puts every failed chunk of a run back on the queue with a fresh attempt count.
-- KEYS: the run's keys (see prelude.lua)
-- Returns the number of chunks put back.
local failed = redis.call('HKEYS', K_FAILED)
if #failed == 0 then return 0 end
for _, chunk in ipairs(failed) do
  redis.call('RPUSH', K_PENDING, chunk)
  redis.call('HDEL', K_ATTEMPTS, chunk)
end
redis.call('DEL', K_FAILED)
redis.call('HSET', K_META, 'state', 'RUNNING')
redis.call('HDEL', K_META, 'finished_at')
return #failed
