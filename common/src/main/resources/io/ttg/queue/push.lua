-- Pushes chunks [from, from + count) on the pending list if the run's push cursor is at `from`.
-- The cursor makes pushing idempotent: a producer that re-runs, or two producers at once, push
-- each chunk exactly once, because a push whose `from` is not the cursor changes nothing.
-- KEYS: the run's keys (see prelude.lua)
-- ARGV[1]: from, the first chunk; ARGV[2]: count, at most 4000
-- Returns {cursor after the call, chunks pushed by this call}.
local from, count = tonumber(ARGV[1]), tonumber(ARGV[2])
local meta = redis.call('HMGET', K_META, 'queued', 'chunks')
local cursor, chunks = tonumber(meta[1]), tonumber(meta[2])
if cursor == nil or chunks == nil then
  return redis.error_reply('run meta ' .. K_META .. ' has no push cursor')
end
if cursor ~= from then return {cursor, 0} end
local last = math.min(from + count, chunks) - 1
if last < from then return {cursor, 0} end
local ids = {}
for chunk = from, last do ids[#ids + 1] = chunk end
redis.call('RPUSH', K_PENDING, unpack(ids))
cursor = last + 1
redis.call('HSET', K_META, 'queued', cursor)
if cursor == chunks and redis.call('HGET', K_META, 'state') == 'ENQUEUING' then
  local state = 'QUEUED'
  if redis.call('HEXISTS', K_META, 'started_at') == 1 then state = 'RUNNING' end
  redis.call('HSET', K_META, 'state', state)
end
return {cursor, #ids}
