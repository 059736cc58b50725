-- Reads a run's state in one atomic step, so that its counts agree with each other while
-- workers claim and complete chunks.
-- KEYS: the run's keys (see prelude.lua)
-- Returns {false} when the run has no spec, else {spec JSON, meta as field/value pairs,
-- pending count, leased count, done count, failed as chunk/entry pairs, server time in ms}.
local spec = redis.call('GET', K_SPEC)
if not spec then return {false} end
return {spec, redis.call('HGETALL', K_META), redis.call('LLEN', K_PENDING),
  redis.call('ZCARD', K_LEASES), redis.call('HLEN', K_DONE), redis.call('HGETALL', K_FAILED),
  now_millis()}
