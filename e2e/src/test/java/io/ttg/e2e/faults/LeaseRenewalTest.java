package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.queue.RunState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lease renewal: chunks that take longer than the lease stay with their worker, and renewals
 * keep their cadence while the worker's other threads claim on the same connection.
 */
class LeaseRenewalTest extends FaultSuite {
    /** Redis commands that block the connection they are sent on. */
    private static final List<String> BLOCKING_COMMANDS = List.of("blpop", "brpop",
            "brpoplpush", "blmove", "blmpop", "bzpopmin", "bzpopmax", "bzmpop", "wait",
            "waitaof", "xread", "xreadgroup");

    @BeforeEach
    void redis() {
        startRedis();
    }

    /** Each chunk takes 3 s under a 1 s lease, and only renewals keep it: no checkpoints. */
    @Test
    void chunksLongerThanLease_neverRedelivered() throws Exception {
        Sweep sweep = Sweep.of("long-chunks", 120, 30).option("sleep-ms", 100);
        enqueue(sweep);
        WorkerProcess first = startWorker("long-1", sweep, "--checkpoint-seconds", "60",
                "--checkpoint-parameters", "0");
        WorkerProcess second = startWorker("long-2", sweep, "--checkpoint-seconds", "60",
                "--checkpoint-parameters", "0");

        assertFinishedRun(first, sweep, RunState.COMPLETED);
        assertFinishedRun(second, sweep, RunState.COMPLETED);
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), 0);
        assertThat(status(sweep).redelivered()).as("re-deliveries").isZero();
        assertThat(first.logLines("result rejected") + second.logLines("result rejected"))
                .as("rejected results").isZero();
    }

    /**
     * One thread keeps a chunk for 3 s while two other threads of the same worker claim and
     * complete 59 short chunks, then poll the empty queue. The test samples the long chunk's
     * remaining lease and the server's blocked clients the whole time. A blocking command on the
     * worker's shared connection, such as a BLPOP claim, would hold the renewals behind it: the
     * remaining lease would fall towards 0 and the chunk would be re-delivered.
     */
    @Test
    void renewalsKeepCadence_noBlockingCommands() throws Exception {
        Sweep sweep = Sweep.of("cadence", 600, 10).option("slow-at", 5).option("slow-ms", 3000);
        enqueue(sweep);
        inspector.sync().configResetstat();
        WorkerProcess worker = startWorker("cadence-1", sweep, "--threads", "3",
                "--checkpoint-seconds", "60", "--checkpoint-parameters", "0");

        waitUntil(PATIENCE, "chunk 0 leased", () -> owners(sweep).containsKey(0L));
        AtomicLong minRemaining = new AtomicLong(Long.MAX_VALUE);
        long samples = 0;
        while (owners(sweep).containsKey(0L)) {
            Double deadline = inspector.sync().zscore(key(sweep, "leases"), bytes("0"));
            long now = serverMillis();
            if (deadline != null) {
                minRemaining.accumulateAndGet(deadline.longValue() - now, Math::min);
                samples++;
            }
            assertThat(inspector.info("clients").get("blocked_clients")).as("blocked clients")
                    .isEqualTo("0");
            pause(10);
        }

        assertFinishedRun(worker, sweep, RunState.COMPLETED);
        assertThat(samples).as("samples of the lease").isGreaterThan(20);
        assertThat(minRemaining.get()).as("least remaining lease in ms, lease 1000 ms renewed"
                + " every 333 ms").isGreaterThan(100);
        assertThat(status(sweep).redelivered()).as("re-deliveries").isZero();
        String commands = inspector.sync().info("commandstats");
        for (String command : BLOCKING_COMMANDS) {
            assertThat(commands).as("commands sent").doesNotContain("cmdstat_" + command + ":");
        }
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), 0);
    }

    private long serverMillis() {
        List<byte[]> time = inspector.sync().time();
        return Long.parseLong(new String(time.get(0), StandardCharsets.UTF_8)) * 1000
                + Long.parseLong(new String(time.get(1), StandardCharsets.UTF_8)) / 1000;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
