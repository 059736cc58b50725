package io.ttg.queue;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.ttg.BrokerUnavailableException;
import io.ttg.CorruptKeyException;
import io.ttg.RunConflictException;
import io.ttg.redis.RedisConnection;
import io.ttg.redis.RedisErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The chunk queue on Redis.
 *
 * <h2>Key layout</h2>
 * All keys of run R start with {@code {ttg:R}:}, so the run lives in one Cluster slot:
 * {@code spec} (JSON string), {@code meta} (hash: state, chunk count, push cursor, lease token
 * counter, parameters done, timestamps), {@code pending} (list of chunk numbers), {@code leases}
 * (sorted set of chunk numbers by lease deadline), {@code owners} (hash chunk to
 * {@code token:worker}), {@code attempts} (hash chunk to claims so far), {@code done} (hash chunk
 * to partial aggregate), {@code failed} (hash chunk to error), {@code results} (hash chunk to
 * encoded results) and {@code checkpoints} (hash chunk to progress). That is ten keys whatever the
 * chunk count; once the run ends, {@code pending}, {@code leases}, {@code owners},
 * {@code attempts} and {@code checkpoints} are empty, and Redis removes empty keys.
 *
 * <h2>States of a chunk</h2>
 * A chunk is in exactly one place: not yet pushed (its number is at or past the push cursor),
 * pending (in {@code pending}), leased (in {@code leases} and {@code owners}), done (in
 * {@code done}) or failed (in {@code failed}). Every transition is one Lua script, so no other
 * client ever sees a chunk in two places or in none:
 * <pre>
 *   push -> pending -claim-> leased -complete-> done
 *                   <-expire/fail/hand back-     -fail or expire at max attempts-> failed
 *   failed -retry-failed-> pending
 * </pre>
 *
 * <h2>Invariants and the races they close</h2>
 * <ul>
 *   <li>Claim increments the attempt count, so a worker that crashes mid-chunk uses an attempt;
 *       a poison chunk that kills its JVM every time ends up failed, not in an endless loop.
 *   <li>Lease deadlines come from the server's TIME inside the script, never from a worker's
 *       clock, so skewed worker clocks cannot steal or keep leases.
 *   <li>Every claim first re-queues up to {@value #REAP_LIMIT} expired leases: live workers reap
 *       for dead ones, and no separate reaper process has to run.
 *   <li>Each lease has a token unique within the run. Renew, checkpoint, complete, fail and hand
 *       back act only if the caller's token is the chunk's current one. So a worker that was
 *       frozen past its lease finds its token replaced and writes nothing. A token is at least the
 *       server's clock in microseconds, so a run that is lost or deleted and enqueued again does
 *       not issue its old tokens again, unless they were claimed faster than one per
 *       microsecond on average.
 *   <li>{@code done} is written with HSETNX and parameters are counted only then, so the
 *       parameter count never exceeds N even if a chunk were completed twice.
 *   <li>The run is finished only when the push cursor equals the chunk count and nothing is
 *       pending or leased. Until then a worker that finds the queue empty waits, because a
 *       leased chunk may still come back; exiting early could strand it when the Kubernetes Job
 *       starts no new pods after the first success.
 *   <li>Pushing is guarded by the cursor: a push whose first chunk is not the cursor changes
 *       nothing, so a re-run or a concurrent producer pushes each chunk exactly once.
 * </ul>
 * The server must not evict keys ({@code maxmemory-policy noeviction}), and should persist with
 * AOF; without persistence a restart loses the run, which workers detect as a missing spec.
 */
public final class RedisChunkQueue implements ChunkQueue {
    /** Expired leases re-queued by one claim at most, to bound the script's run time. */
    static final int REAP_LIMIT = 16;
    private static final int PUSH_BATCH = 2_000;
    private static final int PUSH_WINDOW = 64;

    private static final LuaScript CREATE = LuaScript.load("create.lua");
    private static final LuaScript PUSH = LuaScript.load("push.lua");
    private static final LuaScript CLAIM = LuaScript.load("claim.lua");
    private static final LuaScript RENEW = LuaScript.load("renew.lua");
    private static final LuaScript CHECKPOINT = LuaScript.load("checkpoint.lua");
    private static final LuaScript COMPLETE = LuaScript.load("complete.lua");
    private static final LuaScript FAIL = LuaScript.load("fail.lua");
    private static final LuaScript HAND_BACK = LuaScript.load("handback.lua");
    private static final LuaScript RETRY = LuaScript.load("retry.lua");
    private static final LuaScript STATUS = LuaScript.load("status.lua");

    private final RedisConnection redis;

    /** Creates a queue on an open connection; {@link #close()} closes the connection too. */
    public RedisChunkQueue(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public EnqueueResult enqueue(RunSpec spec) {
        RunKeys keys = new RunKeys(spec.runId());
        String reply = text(call("creating run " + spec.runId(), keys, () -> CREATE.run(sync(),
                ScriptOutputType.VALUE, keys.all(), bytes(Json.specJson(spec)),
                bytes(Json.fingerprint(spec)), bytes(spec.chunkCount()),
                bytes(spec.leaseMillis()), bytes(spec.maxAttempts()))));
        if (reply.equals("conflict")) {
            throw conflict(spec);
        }
        if (reply.equals("corrupt")) {
            findSpec(spec.runId());
            throw new CorruptKeyException(keys.meta(), "run '" + spec.runId() + "' has a spec"
                    + " but no " + keys.meta() + " hash; its keys were not written by TTG or were"
                    + " partly deleted. Delete the run with ttg-producer delete --force or use"
                    + " another --run", null);
        }
        if (reply.equals("exists")) {
            findSpec(spec.runId());
        }
        long pushed = call("pushing the chunks of run " + spec.runId(), keys,
                () -> pushChunks(keys, spec.chunkCount()));
        return new EnqueueResult(reply.equals("created"), pushed, spec.chunkCount());
    }

    private RunConflictException conflict(RunSpec spec) {
        RunSpec existing = findSpec(spec.runId()).orElseThrow(() -> new RunConflictException(
                spec.runId(), "run '" + spec.runId() + "' changed while it was being enqueued;"
                        + " enqueue it again"));
        return new RunConflictException(spec.runId(), Json.conflictMessage(existing, spec));
    }

    private long pushChunks(RunKeys keys, long chunkCount) {
        PUSH.ensureLoaded(sync());
        RedisAsyncCommands<String, byte[]> async = redis.connection().async();
        long pushed = 0;
        long cursor = pushCursor(keys);
        while (cursor < chunkCount) {
            List<RedisFuture<List<Object>>> replies = new ArrayList<>();
            for (long from = cursor; from < chunkCount && replies.size() < PUSH_WINDOW;
                    from += PUSH_BATCH) {
                replies.add(async.evalsha(PUSH.sha(), ScriptOutputType.MULTI, keys.all(),
                        bytes(from), bytes(PUSH_BATCH)));
            }
            long reached = cursor;
            for (RedisFuture<List<Object>> reply : replies) {
                List<Object> values = await(reply);
                reached = Math.max(reached, (Long) values.get(0));
                pushed += (Long) values.get(1);
            }
            cursor = reached == cursor ? pushCursor(keys) : reached;
        }
        return pushed;
    }

    private long pushCursor(RunKeys keys) {
        return parseLong(keys.meta(), "queued", text(sync().hget(keys.meta(), "queued")));
    }

    @Override
    public Optional<RunSpec> findSpec(String runId) {
        RunKeys keys = new RunKeys(runId);
        byte[] json = call("reading the spec of run " + runId, keys, () -> sync().get(keys.spec()));
        return json == null ? Optional.empty() : Optional.of(Json.parseSpec(keys.spec(), text(json)));
    }

    @Override
    public ClaimResult claim(RunSpec spec, String workerId) {
        RunKeys keys = new RunKeys(spec.runId());
        List<Object> reply = call("claiming a chunk of run " + spec.runId(), keys,
                () -> CLAIM.run(sync(), ScriptOutputType.MULTI, keys.all(), bytes(workerId),
                        bytes(REAP_LIMIT)));
        String kind = text((byte[]) reply.get(0));
        switch (kind) {
            case "missing":
                return new ClaimResult.Missing();
            case "empty":
                return new ClaimResult.Empty((Long) reply.get(1) == 1, (Long) reply.get(2),
                        (Long) reply.get(3));
            default:
                long chunk = (Long) reply.get(1);
                Checkpoint checkpoint = decodeCheckpoint(keys, (byte[]) reply.get(5));
                return new ClaimResult.Leased(new Lease(spec.runId(), spec.range(chunk),
                        (Long) reply.get(2), ((Long) reply.get(3)).intValue(),
                        (Long) reply.get(4), checkpoint));
        }
    }

    private static Checkpoint decodeCheckpoint(RunKeys keys, byte[] bytes) {
        try {
            return Checkpoint.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new CorruptKeyException(keys.checkpoints(), "key " + keys.checkpoints()
                    + " holds a value that is not a TTG checkpoint: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean renew(Lease lease) {
        RunKeys keys = new RunKeys(lease.runId());
        Long deadline = call("renewing the lease on " + lease.range(), keys,
                () -> RENEW.run(sync(), ScriptOutputType.INTEGER, keys.all(),
                        bytes(lease.range().chunk()), bytes(lease.token())));
        return deadline >= 0;
    }

    @Override
    public boolean checkpoint(Lease lease, Checkpoint checkpoint) {
        RunKeys keys = new RunKeys(lease.runId());
        Long deadline = call("saving a checkpoint of " + lease.range(), keys,
                () -> CHECKPOINT.run(sync(), ScriptOutputType.INTEGER, keys.all(),
                        bytes(lease.range().chunk()), bytes(lease.token()),
                        checkpoint.encode()));
        return deadline >= 0;
    }

    @Override
    public Outcome complete(Lease lease, ChunkOutput output) {
        RunKeys keys = new RunKeys(lease.runId());
        return outcome(call("completing " + lease.range(), keys,
                () -> COMPLETE.run(sync(), ScriptOutputType.VALUE, keys.all(),
                        bytes(lease.range().chunk()), bytes(lease.token()),
                        bytes(lease.range().size()), bytes(output.aggregate()),
                        output.results())));
    }

    @Override
    public Outcome fail(Lease lease, String error) {
        RunKeys keys = new RunKeys(lease.runId());
        return outcome(call("reporting the failure of " + lease.range(), keys,
                () -> FAIL.run(sync(), ScriptOutputType.VALUE, keys.all(),
                        bytes(lease.range().chunk()), bytes(lease.token()), bytes(error))));
    }

    @Override
    public Outcome handBack(Lease lease, Checkpoint checkpoint) {
        RunKeys keys = new RunKeys(lease.runId());
        byte[] encoded = checkpoint.exists() ? checkpoint.encode() : new byte[0];
        return outcome(call("handing back " + lease.range(), keys,
                () -> HAND_BACK.run(sync(), ScriptOutputType.VALUE, keys.all(),
                        bytes(lease.range().chunk()), bytes(lease.token()), encoded)));
    }

    @Override
    public Optional<RunStatus> status(String runId) {
        RunKeys keys = new RunKeys(runId);
        return call("reading the status of run " + runId, keys, () -> readStatus(keys, runId));
    }

    @SuppressWarnings("unchecked")
    private Optional<RunStatus> readStatus(RunKeys keys, String runId) {
        List<Object> reply = STATUS.run(sync(), ScriptOutputType.MULTI, keys.all());
        byte[] specJson = (byte[]) reply.get(0);
        if (specJson == null) {
            return Optional.empty();
        }
        RunSpec runSpec = Json.parseSpec(keys.spec(), text(specJson));
        Map<String, String> fields = new HashMap<>();
        pairs((List<Object>) reply.get(1)).forEach((field, value) -> fields.put(field,
                text(value)));
        List<FailedChunk> failures = failures(keys, runSpec,
                pairs((List<Object>) reply.get(5)));
        return Optional.of(new RunStatus(runSpec, state(keys, fields),
                parseLong(keys.meta(), "queued", fields.get("queued")), (Long) reply.get(2),
                (Long) reply.get(3), (Long) reply.get(4), failures.size(),
                parseLong(keys.meta(), "params_done", fields.get("params_done")),
                parseLong(keys.meta(), "redelivered", fields.get("redelivered")),
                parseLong(keys.meta(), "started_at", fields.get("started_at")),
                parseLong(keys.meta(), "last_done_at", fields.get("last_done_at")),
                parseLong(keys.meta(), "finished_at", fields.get("finished_at")),
                (Long) reply.get(6), failures));
    }

    /** Returns a flat field/value list from a script's reply as a map, in reply order. */
    private static Map<String, byte[]> pairs(List<Object> flat) {
        Map<String, byte[]> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(text((byte[]) flat.get(i)), (byte[]) flat.get(i + 1));
        }
        return map;
    }

    private static RunState state(RunKeys keys, Map<String, String> fields) {
        String state = fields.get("state");
        try {
            return RunState.valueOf(String.valueOf(state));
        } catch (IllegalArgumentException e) {
            throw new CorruptKeyException(keys.meta(), "key " + keys.meta() + " has state '"
                    + state + "', which is not a TTG run state; the key was not written by TTG",
                    e);
        }
    }

    private static List<FailedChunk> failures(RunKeys keys, RunSpec spec,
            Map<String, byte[]> entries) {
        List<FailedChunk> failures = new ArrayList<>();
        entries.forEach((chunk, json) -> {
            Map<String, Object> entry = Json.parseMap(keys.failed(), text(json));
            long number = parseLong(keys.failed(), "chunk", chunk);
            Object attempts = entry.getOrDefault("attempts", 0);
            failures.add(new FailedChunk(spec.range(number), ((Number) attempts).intValue(),
                    String.valueOf(entry.get("error"))));
        });
        failures.sort((a, b) -> Long.compare(a.range().chunk(), b.range().chunk()));
        return failures;
    }

    @Override
    public List<String> partialAggregates(String runId) {
        RunKeys keys = new RunKeys(runId);
        List<byte[]> values = call("reading the aggregates of run " + runId, keys,
                () -> sync().hvals(keys.done()));
        List<String> aggregates = new ArrayList<>(values.size());
        values.forEach(value -> aggregates.add(text(value)));
        return aggregates;
    }

    @Override
    public List<byte[]> results(String runId, long first, int count) {
        RunKeys keys = new RunKeys(runId);
        if (count == 0) {
            return new ArrayList<>(); // HMGET needs at least one field
        }
        String[] fields = new String[count];
        for (int i = 0; i < count; i++) {
            fields[i] = Long.toString(first + i);
        }
        List<KeyValue<String, byte[]>> values = call("reading the results of run " + runId, keys,
                () -> sync().hmget(keys.results(), fields));
        List<byte[]> results = new ArrayList<>(count);
        values.forEach(value -> results.add(value.getValueOrElse(null)));
        return results;
    }

    @Override
    public boolean delete(String runId) {
        RunKeys keys = new RunKeys(runId);
        Long removed = call("deleting run " + runId, keys, () -> sync().del(keys.all()));
        return removed > 0;
    }

    @Override
    public long retryFailed(String runId) {
        RunKeys keys = new RunKeys(runId);
        return call("retrying the failed chunks of run " + runId, keys,
                () -> RETRY.<Long>run(sync(), ScriptOutputType.INTEGER, keys.all()));
    }

    @Override
    public void close() {
        redis.close();
    }

    private RedisCommands<String, byte[]> sync() {
        return redis.sync();
    }

    private <T> T call(String what, RunKeys keys, Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            if (String.valueOf(e.getMessage()).contains("WRONGTYPE")) {
                throw wrongType(keys, e);
            }
            throw RedisErrors.translate(e, what, String.join(", ", keys.list()));
        }
    }

    /** Names the run key whose Redis type differs from what TTG stores there. */
    private CorruptKeyException wrongType(RunKeys keys, RedisException cause) {
        for (Map.Entry<String, String> expected : keys.types().entrySet()) {
            String actual = sync().type(expected.getKey());
            if (!actual.equals("none") && !actual.equals(expected.getValue())) {
                return new CorruptKeyException(expected.getKey(), "key " + expected.getKey()
                        + " is a " + actual + ", but TTG stores a " + expected.getValue()
                        + " there; it was not written by TTG. Delete the run with ttg-producer"
                        + " delete --force or use another --run", cause);
            }
        }
        return new CorruptKeyException(keys.meta(), "a key of the run has the wrong type ("
                + cause.getMessage() + "); it was not written by TTG", cause);
    }

    private static <T> T await(RedisFuture<T> future) {
        try {
            return future.get(RedisConnection.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for Redis", e);
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("Redis did not answer within "
                    + RedisConnection.COMMAND_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisException redisError) {
                throw redisError;
            }
            throw new BrokerUnavailableException("Redis call failed: " + e.getCause(), e);
        }
    }

    private static Outcome outcome(byte[] reply) {
        return Outcome.valueOf(text(reply));
    }

    private static long parseLong(String key, String field, String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CorruptKeyException(key, "key " + key + " field " + field + " holds '"
                    + value + "', not a number; the key was not written by TTG", e);
        }
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
