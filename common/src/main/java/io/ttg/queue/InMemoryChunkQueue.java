package io.ttg.queue;

import io.ttg.RunConflictException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The embedded broker: the chunk protocol of {@link RedisChunkQueue} in this JVM's memory, for
 * {@code ttg-producer run} without REDIS_URL and for tests. One lock guards all state, so every
 * method is one atomic step, as every Lua script is on Redis. Nothing survives the JVM.
 */
public final class InMemoryChunkQueue implements ChunkQueue {
    private final LongSupplier clock;
    private final Map<String, Run> runs = new HashMap<>();
    /** Lease tokens are unique across runs, so a run deleted and enqueued again reuses none. */
    private long leaseSeq;

    /** Creates an embedded broker on the system clock. */
    public InMemoryChunkQueue() {
        this(System::currentTimeMillis);
    }

    /** Creates an embedded broker whose lease deadlines follow {@code clock} (epoch ms). */
    public InMemoryChunkQueue(LongSupplier clock) {
        this.clock = clock;
    }

    private static final class Run {
        final RunSpec spec;
        RunState state = RunState.ENQUEUING;
        long queued;
        long parametersDone;
        long redelivered;
        long startedAt;
        long lastDoneAt;
        long finishedAt;
        final Deque<Long> pending = new ArrayDeque<>();
        final Map<Long, Held> leases = new HashMap<>();
        final Map<Long, Integer> attempts = new HashMap<>();
        final Map<Long, String> done = new HashMap<>();
        final Map<Long, FailedChunk> failed = new LinkedHashMap<>();
        final Map<Long, byte[]> results = new HashMap<>();
        final Map<Long, Checkpoint> checkpoints = new HashMap<>();

        Run(RunSpec spec) {
            this.spec = spec;
        }
    }

    private record Held(long token, String worker, long deadline) {}

    @Override
    public synchronized EnqueueResult enqueue(RunSpec spec) {
        Run run = runs.get(spec.runId());
        boolean created = run == null;
        if (created) {
            run = new Run(spec);
            runs.put(spec.runId(), run);
        } else if (!run.spec.sameWorkAs(spec)) {
            throw new RunConflictException(spec.runId(), Json.conflictMessage(run.spec, spec));
        }
        long pushed = spec.chunkCount() - run.queued;
        for (long chunk = run.queued; chunk < spec.chunkCount(); chunk++) {
            run.pending.addLast(chunk);
        }
        run.queued = spec.chunkCount();
        if (run.state == RunState.ENQUEUING) {
            run.state = run.startedAt > 0 ? RunState.RUNNING : RunState.QUEUED;
        }
        return new EnqueueResult(created, pushed, spec.chunkCount());
    }

    @Override
    public synchronized Optional<RunSpec> findSpec(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(run -> run.spec);
    }

    @Override
    public synchronized ClaimResult claim(RunSpec spec, String workerId) {
        Run run = runs.get(spec.runId());
        if (run == null) {
            return new ClaimResult.Missing();
        }
        long now = clock.getAsLong();
        reapExpired(run, now);
        Long chunk = run.pending.pollFirst();
        if (chunk == null) {
            long next = run.leases.values().stream().mapToLong(Held::deadline).min().orElse(0);
            return new ClaimResult.Empty(run.state.isFinished(), run.leases.size(), next);
        }
        int attempt = run.attempts.merge(chunk, 1, Integer::sum);
        long token = ++leaseSeq;
        long deadline = now + run.spec.leaseMillis();
        run.leases.put(chunk, new Held(token, workerId, deadline));
        if (run.startedAt == 0) {
            run.startedAt = now;
        }
        if (run.state == RunState.QUEUED) {
            run.state = RunState.RUNNING;
        }
        Checkpoint checkpoint = run.checkpoints.getOrDefault(chunk, Checkpoint.NONE);
        return new ClaimResult.Leased(new Lease(spec.runId(), run.spec.range(chunk), token,
                attempt, deadline, checkpoint));
    }

    private void reapExpired(Run run, long now) {
        List<Map.Entry<Long, Held>> expired = run.leases.entrySet().stream()
                .filter(entry -> entry.getValue().deadline() <= now)
                .sorted(Comparator.comparingLong(entry -> entry.getValue().deadline()))
                .limit(RedisChunkQueue.REAP_LIMIT)
                .toList();
        for (Map.Entry<Long, Held> entry : expired) {
            long chunk = entry.getKey();
            Held held = entry.getValue();
            run.leases.remove(chunk);
            int attempts = run.attempts.getOrDefault(chunk, 0);
            if (attempts >= run.spec.maxAttempts()) {
                park(run, chunk, attempts, "lease expired on attempt " + attempts + " of "
                        + run.spec.maxAttempts() + ": worker " + held.worker()
                        + " stopped renewing it (crashed, killed or frozen)");
            } else {
                run.pending.addFirst(chunk);
                run.redelivered++;
            }
        }
        if (!expired.isEmpty()) {
            settle(run, now);
        }
    }

    private static void park(Run run, long chunk, int attempts, String error) {
        run.failed.put(chunk, new FailedChunk(run.spec.range(chunk), attempts, error));
        run.attempts.remove(chunk);
    }

    private static void settle(Run run, long now) {
        boolean allQueued = run.queued == run.spec.chunkCount();
        if (!allQueued || run.state.isFinished() || !run.pending.isEmpty()
                || !run.leases.isEmpty()) {
            return;
        }
        run.state = run.failed.isEmpty() ? RunState.COMPLETED : RunState.COMPLETED_WITH_FAILURES;
        run.finishedAt = now;
    }

    /** Returns the run if {@code lease} is still its chunk's current lease, else null. */
    private Run holder(Lease lease) {
        Run run = runs.get(lease.runId());
        if (run == null) {
            return null;
        }
        Held held = run.leases.get(lease.range().chunk());
        return held != null && held.token() == lease.token() ? run : null;
    }

    @Override
    public synchronized boolean renew(Lease lease) {
        Run run = holder(lease);
        if (run == null) {
            return false;
        }
        long chunk = lease.range().chunk();
        Held held = run.leases.get(chunk);
        run.leases.put(chunk, new Held(held.token(), held.worker(),
                clock.getAsLong() + run.spec.leaseMillis()));
        return true;
    }

    @Override
    public synchronized boolean checkpoint(Lease lease, Checkpoint checkpoint) {
        if (!renew(lease)) {
            return false;
        }
        runs.get(lease.runId()).checkpoints.put(lease.range().chunk(), checkpoint);
        return true;
    }

    @Override
    public synchronized Outcome complete(Lease lease, ChunkOutput output) {
        Run run = holder(lease);
        if (run == null) {
            return Outcome.LEASE_LOST;
        }
        long chunk = lease.range().chunk();
        long now = clock.getAsLong();
        run.leases.remove(chunk);
        run.attempts.remove(chunk);
        run.checkpoints.remove(chunk);
        if (run.done.putIfAbsent(chunk, output.aggregate()) == null) {
            run.parametersDone += lease.range().size();
        }
        if (output.results().length > 0) {
            run.results.put(chunk, output.results());
        }
        run.lastDoneAt = now;
        settle(run, now);
        return Outcome.DONE;
    }

    @Override
    public synchronized Outcome fail(Lease lease, String error) {
        Run run = holder(lease);
        if (run == null) {
            return Outcome.LEASE_LOST;
        }
        long chunk = lease.range().chunk();
        run.leases.remove(chunk);
        int attempts = run.attempts.getOrDefault(chunk, 0);
        if (attempts >= run.spec.maxAttempts()) {
            park(run, chunk, attempts, error);
            settle(run, clock.getAsLong());
            return Outcome.FAILED;
        }
        run.pending.addLast(chunk);
        return Outcome.REQUEUED;
    }

    @Override
    public synchronized Outcome handBack(Lease lease, Checkpoint checkpoint) {
        Run run = holder(lease);
        if (run == null) {
            return Outcome.LEASE_LOST;
        }
        long chunk = lease.range().chunk();
        run.leases.remove(chunk);
        if (checkpoint.exists()) {
            run.checkpoints.put(chunk, checkpoint);
        }
        if (run.attempts.merge(chunk, -1, Integer::sum) <= 0) {
            run.attempts.remove(chunk);
        }
        run.pending.addFirst(chunk);
        return Outcome.REQUEUED;
    }

    @Override
    public synchronized Optional<RunStatus> status(String runId) {
        Run run = runs.get(runId);
        if (run == null) {
            return Optional.empty();
        }
        return Optional.of(new RunStatus(run.spec, run.state, run.queued, run.pending.size(),
                run.leases.size(), run.done.size(), run.failed.size(), run.parametersDone,
                run.redelivered, run.startedAt, run.lastDoneAt, run.finishedAt,
                clock.getAsLong(), failures(run)));
    }

    private static List<FailedChunk> failures(Run run) {
        List<FailedChunk> failures = new ArrayList<>(run.failed.values());
        failures.sort(Comparator.comparingLong(failure -> failure.range().chunk()));
        return failures;
    }

    @Override
    public synchronized List<String> partialAggregates(String runId) {
        Run run = runs.get(runId);
        return run == null ? List.of() : new ArrayList<>(run.done.values());
    }

    @Override
    public synchronized List<byte[]> results(String runId, long first, int count) {
        Run run = runs.get(runId);
        List<byte[]> results = new ArrayList<>(count);
        for (long chunk = first; chunk < first + count; chunk++) {
            results.add(run == null ? null : run.results.get(chunk));
        }
        return results;
    }

    @Override
    public synchronized boolean delete(String runId) {
        return runs.remove(runId) != null;
    }

    @Override
    public synchronized long retryFailed(String runId) {
        Run run = runs.get(runId);
        if (run == null || run.failed.isEmpty()) {
            return 0;
        }
        long count = run.failed.size();
        for (long chunk : run.failed.keySet()) {
            run.pending.addLast(chunk);
            run.attempts.remove(chunk);
        }
        run.failed.clear();
        run.state = RunState.RUNNING;
        run.finishedAt = 0;
        return count;
    }

    @Override
    public void close() {}
}
