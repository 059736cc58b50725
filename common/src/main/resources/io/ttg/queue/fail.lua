-- Reports that the computation raised an error on a leased chunk. The chunk goes back to the
-- end of the queue, or is parked as failed once it has used its maximum number of attempts.
-- KEYS: the run's keys (see prelude.lua)
-- ARGV[1]: chunk; ARGV[2]: lease token; ARGV[3]: error text
-- Returns 'REQUEUED', 'FAILED' or 'LEASE_LOST'.
local chunk = ARGV[1]
local owner = redis.call('HGET', K_OWNERS, chunk)
if owner_token(owner) ~= ARGV[2] then return 'LEASE_LOST' end
local _, max_attempts = run_limits()
local now = now_millis()
drop_lease(chunk)
local attempts = tonumber(redis.call('HGET', K_ATTEMPTS, chunk) or '0')
if attempts >= max_attempts then
  park(chunk, attempts, owner_worker(owner), ARGV[3], now)
  settle(now)
  return 'FAILED'
end
redis.call('RPUSH', K_PENDING, chunk)
return 'REQUEUED'
