-- Creates a run, or checks that the run already stored under its id does the same work.
-- KEYS: the run's keys (see prelude.lua)
-- ARGV[1]: the spec as JSON; ARGV[2]: its fingerprint (JSON without the creation time);
-- ARGV[3]: the number of chunks; ARGV[4]: lease length in ms; ARGV[5]: max attempts
-- Returns 'created', 'exists' (same fingerprint), 'conflict' (another spec under this id) or
-- 'corrupt' (a spec without its meta hash). Nothing is written unless it returns 'created'.
for _, key in ipairs({K_SPEC, K_META}) do
  local kind = redis.call('TYPE', key)['ok']
  local expected = 'hash'
  if key == K_SPEC then expected = 'string' end
  if kind ~= 'none' and kind ~= expected then
    return redis.error_reply('WRONGTYPE key ' .. key .. ' is a ' .. kind)
  end
end
if redis.call('EXISTS', K_SPEC) == 1 then
  if redis.call('EXISTS', K_META) == 0 then return 'corrupt' end
  if redis.call('HGET', K_META, 'fingerprint') == ARGV[2] then
    return 'exists'
  end
  return 'conflict'
end
redis.call('SET', K_SPEC, ARGV[1])
redis.call('HSET', K_META, 'fingerprint', ARGV[2], 'state', 'ENQUEUING', 'chunks', ARGV[3],
  'queued', 0, 'created_at', now_millis(), 'lease_ms', ARGV[4], 'max_attempts', ARGV[5])
return 'created'
