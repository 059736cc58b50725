package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttg.RunConflictException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chunk protocol's contract, run against every {@link ChunkQueue} implementation. Subclasses
 * supply a queue, a second client of the same broker, and a way to let time pass for lease
 * expiry.
 */
abstract class ChunkQueueContract {
    private static final AtomicInteger RUNS = new AtomicInteger();

    protected ChunkQueue queue;

    /** Returns a new queue; each test gets run ids no other test uses. */
    protected abstract ChunkQueue newQueue();

    /** Lets at least {@code millis} pass on the queue's lease clock. */
    protected abstract void advance(long millis);

    /**
     * Returns another client of the same broker, as a second producer or worker process would
     * have: a new connection on Redis, the same object for a broker in this JVM. The caller
     * closes it.
     */
    protected abstract ChunkQueue otherClient();

    @BeforeEach
    void openQueue() {
        queue = newQueue();
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    protected static RunSpec spec(long parameters, int chunkSize) {
        return spec(parameters, chunkSize, 3, 300);
    }

    protected static RunSpec spec(long parameters, int chunkSize, int maxAttempts,
            long leaseMillis) {
        return new RunSpec(newRunId(), parameters, chunkSize, "primes", Map.of(), maxAttempts,
                leaseMillis, false, 1_000);
    }

    /** Returns a spec whose workers save every index's result. */
    protected static RunSpec savingSpec(long parameters, int chunkSize) {
        return new RunSpec(newRunId(), parameters, chunkSize, "primes", Map.of(), 3, 300, true,
                1_000);
    }

    private static String newRunId() {
        return "contract-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet()
                + "-" + System.nanoTime();
    }

    protected Lease claim(RunSpec spec, String worker) {
        ClaimResult result = queue.claim(spec, worker);
        assertThat(result).isInstanceOf(ClaimResult.Leased.class);
        return ((ClaimResult.Leased) result).lease();
    }

    protected static ChunkOutput output() {
        return new ChunkOutput("{\"count\":1}", new byte[0]);
    }

    /** Claims until nothing is pending and returns the chunk numbers leased, in order. */
    protected static List<Long> drain(ChunkQueue client, RunSpec spec) {
        List<Long> chunks = new ArrayList<>();
        while (client.claim(spec, "drainer") instanceof ClaimResult.Leased leased) {
            chunks.add(leased.lease().range().chunk());
        }
        return chunks;
    }

    private RunStatus status(RunSpec spec) {
        return queue.status(spec.runId()).orElseThrow();
    }

    @Test
    void enqueue_newRun_queuesEveryChunk() {
        RunSpec spec = spec(25, 10);

        EnqueueResult result = queue.enqueue(spec);

        assertThat(result).isEqualTo(new EnqueueResult(true, 3, 3));
        RunStatus status = queue.status(spec.runId()).orElseThrow();
        assertThat(status.state()).isEqualTo(RunState.QUEUED);
        assertThat(status.pending()).isEqualTo(3);
        assertThat(status.chunksQueued()).isEqualTo(3);
    }

    @Test
    void enqueue_sameSpecTwice_changesNothing() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);

        EnqueueResult again = queue.enqueue(spec.withCreatedAt(99_999));

        assertThat(again).isEqualTo(new EnqueueResult(false, 0, 3));
        assertThat(queue.status(spec.runId()).orElseThrow().pending()).isEqualTo(3);
    }

    @Test
    void enqueue_otherSpecUnderSameId_isRejected() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);
        RunSpec other = new RunSpec(spec.runId(), 26, 10, "primes", Map.of(), 3, 300, false, 0);

        assertThatThrownBy(() -> queue.enqueue(other))
                .isInstanceOf(RunConflictException.class)
                .hasMessageContaining("run '" + spec.runId() + "' already exists with other work");
    }

    @Test
    void claim_leasesChunksInOrderWithRanges() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);

        Lease first = claim(spec, "w1");
        Lease second = claim(spec, "w1");
        Lease third = claim(spec, "w2");

        assertThat(first.range()).isEqualTo(new ChunkRange(0, 0, 10));
        assertThat(second.range()).isEqualTo(new ChunkRange(1, 10, 20));
        assertThat(third.range()).isEqualTo(new ChunkRange(2, 20, 25));
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.token()).isNotEqualTo(second.token());
        assertThat(queue.status(spec.runId()).orElseThrow().state()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void complete_everyChunk_finishesRunWithCountedParameters() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);

        for (int i = 0; i < 3; i++) {
            assertThat(queue.complete(claim(spec, "w1"), output())).isEqualTo(Outcome.DONE);
        }

        RunStatus status = queue.status(spec.runId()).orElseThrow();
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.parametersDone()).isEqualTo(25);
        assertThat(status.done()).isEqualTo(3);
        assertThat(status.pending()).isZero();
        assertThat(status.leased()).isZero();
        assertThat(queue.claim(spec, "w1")).isEqualTo(new ClaimResult.Empty(true, 0, 0));
    }

    @Test
    void claim_emptyQueueWithLeaseHeld_isNotFinished() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease held = claim(spec, "w1");

        ClaimResult result = queue.claim(spec, "w2");

        assertThat(result).isInstanceOf(ClaimResult.Empty.class);
        ClaimResult.Empty empty = (ClaimResult.Empty) result;
        assertThat(empty.finished()).isFalse();
        assertThat(empty.leased()).isEqualTo(1);
        assertThat(empty.nextDeadlineMillis()).isEqualTo(held.deadlineMillis());
    }

    @Test
    void claim_afterLeaseExpiry_redeliversToAnotherWorker() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease stale = claim(spec, "w1");

        advance(spec.leaseMillis() + 50);
        Lease taken = claim(spec, "w2");

        assertThat(taken.range()).isEqualTo(stale.range());
        assertThat(taken.attempt()).isEqualTo(2);
        assertThat(queue.complete(stale, output())).isEqualTo(Outcome.LEASE_LOST);
        assertThat(queue.renew(stale)).isFalse();
        assertThat(queue.complete(taken, output())).isEqualTo(Outcome.DONE);
        assertThat(queue.status(spec.runId()).orElseThrow().redelivered()).isEqualTo(1);
    }

    @Test
    void claim_missingRun_returnsMissing() {
        assertThat(queue.claim(spec(10, 10), "w1")).isEqualTo(new ClaimResult.Missing());
    }

    @Test
    void enqueue_conflict_messageNamesDifferences() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);
        RunSpec other = new RunSpec(spec.runId(), 25, 5, "primes", Map.of(), 3, 300, false, 0);

        assertThatThrownBy(() -> queue.enqueue(other))
                .hasMessage("run '" + spec.runId() + "' already exists with other work:"
                        + " chunkSize 10 (requested 5). Use another --run, or delete the run"
                        + " first with: ttg-producer delete --run " + spec.runId());
    }

    @Test
    void findSpec_afterEnqueue_returnsEqualSpec() {
        RunSpec spec = new RunSpec(newRunId(), 1_000, 7, "simulate", Map.of("work-ms", "5"), 4,
                1_500, true, 1_700_000_000_123L);
        queue.enqueue(spec);

        assertThat(queue.findSpec(spec.runId())).contains(spec);
    }

    @Test
    void findSpec_missingRun_returnsEmpty() {
        assertThat(queue.findSpec(spec(10, 10).runId())).isEmpty();
    }

    @Test
    void status_missingRun_returnsEmpty() {
        assertThat(queue.status(spec(10, 10).runId())).isEmpty();
    }

    @Test
    void status_afterFirstClaim_hasStartTime() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);
        claim(spec, "w1");

        RunStatus status = status(spec);

        assertThat(status.startedAtMillis()).isPositive();
        assertThat(status.nowMillis()).isGreaterThanOrEqualTo(status.startedAtMillis());
        assertThat(status.finishedAtMillis()).isZero();
        assertThat(status.leased()).isEqualTo(1);
        assertThat(status.pending()).isEqualTo(2);
    }

    @Test
    void enqueue_hundredThousandChunks_claimsInOrder() {
        RunSpec spec = spec(10_000_000, 100, 3, 60_000);

        EnqueueResult result = queue.enqueue(spec);

        assertThat(result).isEqualTo(new EnqueueResult(true, 100_000, 100_000));
        RunStatus status = status(spec);
        assertThat(status.pending()).isEqualTo(100_000);
        assertThat(status.chunksQueued()).isEqualTo(100_000);
        assertThat(status.state()).isEqualTo(RunState.QUEUED);
        List<ChunkRange> claimed = new ArrayList<>();
        List<ChunkRange> expected = new ArrayList<>();
        for (long chunk = 0; chunk < 1_000; chunk++) {
            claimed.add(claim(spec, "w1").range());
            expected.add(new ChunkRange(chunk, chunk * 100, chunk * 100 + 100));
        }
        assertThat(claimed).isEqualTo(expected);
    }

    @Test
    void enqueue_twoThreads_pushesEachChunkOnce() throws Exception {
        RunSpec spec = spec(60_000, 10, 3, 60_000);

        List<EnqueueResult> results = enqueueConcurrently(spec, queue, queue);

        assertPushedOnce(spec, results);
    }

    @Test
    void enqueue_twoClients_pushesEachChunkOnce() throws Exception {
        RunSpec spec = spec(60_000, 10, 3, 60_000);

        List<EnqueueResult> results;
        try (ChunkQueue other = otherClient()) {
            results = enqueueConcurrently(spec, queue, other);
        }

        assertPushedOnce(spec, results);
    }

    private static List<EnqueueResult> enqueueConcurrently(RunSpec spec, ChunkQueue first,
            ChunkQueue second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<EnqueueResult>> futures = new ArrayList<>();
            for (ChunkQueue client : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return client.enqueue(spec.withCreatedAt(System.nanoTime()));
                }));
            }
            start.countDown();
            List<EnqueueResult> results = new ArrayList<>();
            for (Future<EnqueueResult> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertPushedOnce(RunSpec spec, List<EnqueueResult> results) {
        long chunks = spec.chunkCount();
        assertThat(results.stream().mapToLong(EnqueueResult::chunksPushed).sum())
                .isEqualTo(chunks);
        assertThat(results.stream().filter(EnqueueResult::created).count()).isEqualTo(1);
        assertThat(status(spec).pending()).isEqualTo(chunks);
        assertThat(status(spec).state()).isEqualTo(RunState.QUEUED);
        List<Long> drained = drain(queue, spec);
        assertThat(drained).hasSize((int) chunks);
        assertThat(new HashSet<>(drained)).hasSize((int) chunks);
    }

    @Test
    void claim_eightThreadsConcurrently_leaseEachChunkOnce() throws Exception {
        RunSpec spec = spec(2_000, 10, 3, 60_000);
        queue.enqueue(spec);
        Map<Long, Integer> leases = new ConcurrentHashMap<>();
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                String worker = "w" + thread;
                futures.add(pool.submit(() -> {
                    start.await();
                    claimUntilFinished(spec, worker, leases, outcomes);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(leases).hasSize(200);
        assertThat(leases.values()).containsOnly(1);
        assertThat(outcomes).hasSize(200).containsOnly(Outcome.DONE);
        RunStatus status = status(spec);
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.parametersDone()).isEqualTo(2_000);
        assertThat(status.done()).isEqualTo(200);
    }

    private void claimUntilFinished(RunSpec spec, String worker, Map<Long, Integer> leases,
            List<Outcome> outcomes) {
        while (true) {
            ClaimResult result = queue.claim(spec, worker);
            if (result instanceof ClaimResult.Leased leased) {
                leases.merge(leased.lease().range().chunk(), 1, Integer::sum);
                outcomes.add(queue.complete(leased.lease(), output()));
            } else if (result instanceof ClaimResult.Empty empty && empty.finished()) {
                return;
            }
        }
    }

    @Test
    void fail_belowMaxAttempts_requeuesChunkAtBack() {
        RunSpec spec = spec(20, 10);
        queue.enqueue(spec);
        Lease first = claim(spec, "w1");

        Outcome outcome = queue.fail(first, "boom");

        assertThat(outcome).isEqualTo(Outcome.REQUEUED);
        assertThat(claim(spec, "w1").range().chunk()).isEqualTo(1);
        Lease retried = claim(spec, "w1");
        assertThat(retried.range().chunk()).isZero();
        assertThat(retried.attempt()).isEqualTo(2);
    }

    @Test
    void fail_atMaxAttempts_parksChunkAndRunEndsWithFailures() {
        RunSpec spec = spec(20, 10, 3, 300);
        queue.enqueue(spec);
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(queue.fail(claim(spec, "w1"), "boom 1"));
        assertThat(queue.complete(claim(spec, "w1"), output())).isEqualTo(Outcome.DONE);

        outcomes.add(queue.fail(claim(spec, "w2"), "boom 2"));
        outcomes.add(queue.fail(claim(spec, "w3"), "boom 3"));

        assertThat(outcomes).containsExactly(Outcome.REQUEUED, Outcome.REQUEUED, Outcome.FAILED);
        RunStatus status = status(spec);
        assertThat(status.state()).isEqualTo(RunState.COMPLETED_WITH_FAILURES);
        assertThat(status.failures())
                .containsExactly(new FailedChunk(new ChunkRange(0, 0, 10), 3, "boom 3"));
        assertThat(status.failed()).isEqualTo(1);
        assertThat(status.done()).isEqualTo(1);
        assertThat(status.parametersDone()).isEqualTo(10);
        assertThat(status.pending()).isZero();
        assertThat(status.leased()).isZero();
        assertThat(status.finishedAtMillis()).isPositive();
        assertThat(queue.claim(spec, "w4")).isEqualTo(new ClaimResult.Empty(true, 0, 0));
    }

    @Test
    void claim_leaseExpiredAtMaxAttempts_parksChunk() {
        RunSpec spec = spec(10, 10, 2, 300);
        queue.enqueue(spec);
        claim(spec, "w1");
        advance(spec.leaseMillis() + 50);
        Lease second = claim(spec, "w2");
        advance(spec.leaseMillis() + 50);

        ClaimResult result = queue.claim(spec, "w3");

        assertThat(second.attempt()).isEqualTo(2);
        assertThat(result).isEqualTo(new ClaimResult.Empty(true, 0, 0));
        RunStatus status = status(spec);
        assertThat(status.state()).isEqualTo(RunState.COMPLETED_WITH_FAILURES);
        assertThat(status.failures()).containsExactly(new FailedChunk(new ChunkRange(0, 0, 10), 2,
                "lease expired on attempt 2 of 2: worker w2 stopped renewing it"
                        + " (crashed, killed or frozen)"));
        assertThat(status.redelivered()).isEqualTo(1);
    }

    @Test
    void claim_expiredLease_isRedeliveredBeforePendingChunks() {
        RunSpec spec = spec(30, 10);
        queue.enqueue(spec);
        Lease stale = claim(spec, "w1");

        advance(spec.leaseMillis() + 50);
        Lease next = claim(spec, "w2");

        assertThat(next.range()).isEqualTo(stale.range());
        assertThat(next.token()).isNotEqualTo(stale.token());
    }

    @Test
    void handBack_leasedChunk_isClaimedNextWithCheckpointAndSameAttempt() {
        RunSpec spec = spec(30, 10);
        queue.enqueue(spec);
        claim(spec, "w1");
        Lease second = claim(spec, "w1");
        Checkpoint checkpoint = new Checkpoint(15, "{\"count\":2}", new byte[] {1, 2, 3});

        Outcome outcome = queue.handBack(second, checkpoint);
        Lease resumed = claim(spec, "w2");

        assertThat(outcome).isEqualTo(Outcome.REQUEUED);
        assertThat(resumed.range()).isEqualTo(second.range());
        assertThat(resumed.attempt()).isEqualTo(1);
        assertThat(resumed.checkpoint()).isEqualTo(checkpoint);
        assertThat(claim(spec, "w2").range().chunk()).isEqualTo(2);
    }

    @Test
    void handBack_withoutCheckpoint_nextClaimHasNone() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);

        queue.handBack(claim(spec, "w1"), Checkpoint.NONE);

        assertThat(claim(spec, "w2").checkpoint()).isEqualTo(Checkpoint.NONE);
    }

    @Test
    void checkpoint_thenLeaseExpires_nextClaimResumesFromIt() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease crashed = claim(spec, "w1");
        Checkpoint checkpoint = new Checkpoint(4, "{\"count\":2}", new byte[] {9});

        boolean saved = queue.checkpoint(crashed, checkpoint);
        advance(spec.leaseMillis() + 50);
        Lease resumed = claim(spec, "w2");

        assertThat(saved).isTrue();
        assertThat(resumed.checkpoint()).isEqualTo(checkpoint);
        assertThat(resumed.attempt()).isEqualTo(2);
    }

    @Test
    void checkpoint_lostLease_returnsFalseAndWritesNothing() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease stale = claim(spec, "w1");
        advance(spec.leaseMillis() + 50);
        Lease current = claim(spec, "w2");

        boolean saved = queue.checkpoint(stale, new Checkpoint(5, "{\"count\":3}", new byte[0]));
        queue.handBack(current, Checkpoint.NONE);

        assertThat(saved).isFalse();
        assertThat(claim(spec, "w3").checkpoint()).isEqualTo(Checkpoint.NONE);
    }

    @Test
    void renew_heldLease_extendsDeadline() {
        RunSpec spec = spec(10, 10, 3, 1_000);
        queue.enqueue(spec);
        Lease lease = claim(spec, "w1");
        advance(600);

        boolean renewed = queue.renew(lease);
        advance(600);
        ClaimResult result = queue.claim(spec, "w2");

        assertThat(renewed).isTrue();
        assertThat(result).isInstanceOf(ClaimResult.Empty.class);
        ClaimResult.Empty empty = (ClaimResult.Empty) result;
        assertThat(empty.leased()).isEqualTo(1);
        assertThat(empty.nextDeadlineMillis())
                .isGreaterThanOrEqualTo(lease.deadlineMillis() + 600);
    }

    @Test
    void complete_expiredLeaseNotYetReclaimed_isDone() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease late = claim(spec, "w1");

        advance(spec.leaseMillis() + 50);

        assertThat(queue.complete(late, output())).isEqualTo(Outcome.DONE);
        assertThat(status(spec).state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void complete_afterAnotherWorkerCompleted_isLeaseLostAndCountsOnce() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease stale = claim(spec, "w1");
        advance(spec.leaseMillis() + 50);
        Lease current = claim(spec, "w2");
        assertThat(queue.complete(current, output())).isEqualTo(Outcome.DONE);

        Outcome late = queue.complete(stale, output());

        assertThat(late).isEqualTo(Outcome.LEASE_LOST);
        assertThat(queue.fail(stale, "late error")).isEqualTo(Outcome.LEASE_LOST);
        assertThat(queue.handBack(stale, Checkpoint.NONE)).isEqualTo(Outcome.LEASE_LOST);
        RunStatus status = status(spec);
        assertThat(status.parametersDone()).isEqualTo(10);
        assertThat(status.done()).isEqualTo(1);
        assertThat(status.failed()).isZero();
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void complete_sameLeaseTwice_secondIsLeaseLost() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);
        Lease lease = claim(spec, "w1");
        queue.complete(lease, output());

        Outcome again = queue.complete(lease, output());

        assertThat(again).isEqualTo(Outcome.LEASE_LOST);
        assertThat(status(spec).parametersDone()).isEqualTo(10);
    }

    @Test
    void retryFailed_parkedChunk_requeuesItAndRunCompletes() {
        RunSpec spec = spec(20, 10, 1, 300);
        queue.enqueue(spec);
        assertThat(queue.fail(claim(spec, "w1"), "boom")).isEqualTo(Outcome.FAILED);
        queue.complete(claim(spec, "w1"), output());
        assertThat(status(spec).state()).isEqualTo(RunState.COMPLETED_WITH_FAILURES);

        long retried = queue.retryFailed(spec.runId());

        assertThat(retried).isEqualTo(1);
        RunStatus afterRetry = status(spec);
        assertThat(afterRetry.state()).isEqualTo(RunState.RUNNING);
        assertThat(afterRetry.failures()).isEmpty();
        assertThat(afterRetry.pending()).isEqualTo(1);
        assertThat(afterRetry.finishedAtMillis()).isZero();
        Lease again = claim(spec, "w2");
        assertThat(again.range().chunk()).isZero();
        assertThat(again.attempt()).isEqualTo(1);
        assertThat(queue.complete(again, output())).isEqualTo(Outcome.DONE);
        RunStatus finished = status(spec);
        assertThat(finished.state()).isEqualTo(RunState.COMPLETED);
        assertThat(finished.parametersDone()).isEqualTo(20);
    }

    @Test
    void retryFailed_noFailures_returnsZeroAndKeepsState() {
        RunSpec spec = spec(20, 10);
        queue.enqueue(spec);

        assertThat(queue.retryFailed(spec.runId())).isZero();
        assertThat(status(spec).state()).isEqualTo(RunState.QUEUED);
    }

    @Test
    void results_savedPerChunk_nullWhereNone() {
        RunSpec spec = savingSpec(30, 10);
        queue.enqueue(spec);
        byte[] saved = {1, 2, 3};
        queue.complete(claim(spec, "w1"), new ChunkOutput("{\"count\":1}", saved));
        queue.complete(claim(spec, "w1"), new ChunkOutput("{\"count\":1}", new byte[0]));

        List<byte[]> results = queue.results(spec.runId(), 0, 3);

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isEqualTo(saved);
        assertThat(results.get(1)).isNull();
        assertThat(results.get(2)).isNull();
    }

    @Test
    void results_missingRun_returnsNulls() {
        assertThat(queue.results(spec(10, 10).runId(), 0, 2)).containsExactly(null, null);
    }

    @Test
    void results_zeroCount_returnsEmptyList() {
        RunSpec spec = savingSpec(30, 10);
        queue.enqueue(spec);

        assertThat(queue.results(spec.runId(), 0, 0)).isEmpty();
    }

    @Test
    void partialAggregates_oneEntryPerDoneChunk() {
        RunSpec spec = spec(30, 10);
        queue.enqueue(spec);
        queue.complete(claim(spec, "w1"), new ChunkOutput("{\"count\":4}", new byte[0]));
        claim(spec, "w1");
        queue.complete(claim(spec, "w1"), new ChunkOutput("{\"count\":1}", new byte[0]));

        List<String> aggregates = queue.partialAggregates(spec.runId());

        assertThat(aggregates).containsExactlyInAnyOrder("{\"count\":4}", "{\"count\":1}");
    }

    @Test
    void delete_existingRun_removesItForEveryCaller() {
        RunSpec spec = spec(30, 10);
        queue.enqueue(spec);
        queue.complete(claim(spec, "w1"), output());

        boolean deleted = queue.delete(spec.runId());

        assertThat(deleted).isTrue();
        assertThat(queue.findSpec(spec.runId())).isEmpty();
        assertThat(queue.status(spec.runId())).isEmpty();
        assertThat(queue.claim(spec, "w1")).isEqualTo(new ClaimResult.Missing());
        assertThat(queue.partialAggregates(spec.runId())).isEmpty();
    }

    @Test
    void delete_missingRun_returnsFalse() {
        assertThat(queue.delete(spec(10, 10).runId())).isFalse();
    }

    @Test
    void enqueue_afterDelete_createsRunAgain() {
        RunSpec spec = spec(30, 10);
        queue.enqueue(spec);
        queue.delete(spec.runId());

        EnqueueResult again = queue.enqueue(spec);

        assertThat(again).isEqualTo(new EnqueueResult(true, 3, 3));
    }

    @Test
    void partialAggregates_missingRun_returnsEmpty() {
        assertThat(queue.partialAggregates(spec(10, 10).runId())).isEmpty();
    }

    @Test
    void complete_runDeletedAndEnqueuedAgain_staleLeaseLost() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease stale = claim(spec, "w1");
        queue.delete(spec.runId());
        queue.enqueue(spec);

        Lease fresh = claim(spec, "w2");

        assertThat(fresh.range()).isEqualTo(stale.range());
        assertThat(fresh.token()).isNotEqualTo(stale.token());
        assertThat(queue.complete(stale, output())).isEqualTo(Outcome.LEASE_LOST);
        assertThat(queue.renew(stale)).isFalse();
        assertThat(queue.complete(fresh, output())).isEqualTo(Outcome.DONE);
    }
}
