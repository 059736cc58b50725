package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KillArgs;
import io.ttg.queue.RunState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Redis outages that lose no data: a restart with AOF, killed client connections, and a Redis
 * that is down when a worker starts. Workers recover by themselves, log each outage once, and
 * finish the run.
 */
class RedisOutageTest extends FaultSuite {
    private static final String OUTAGE = "Redis unavailable while";
    private static final String RECOVERED = "Redis reachable again";

    /**
     * Kills Redis with SIGKILL at 30 % and starts it again 2 s later from its append-only file.
     * The outage is longer than the 1 s lease, so leases expire meanwhile and some chunks move.
     */
    @Test
    void redisRestartWithAof_workersRecover() throws Exception {
        startRedis("--appendonly", "yes", "--appendfsync", "always");
        Sweep sweep = Sweep.of("aof-restart", 400, 20).option("sleep-ms", 20);
        enqueue(sweep);
        WorkerProcess first = startWorker("aof-1", sweep);
        WorkerProcess second = startWorker("aof-2", sweep);

        waitUntil(PATIENCE, "30 % done", () -> parametersDone(sweep) >= 120);
        int leased = owners(sweep).size();
        redis.kill();
        pause(2_000);
        restartRedis();

        for (WorkerProcess worker : List.of(first, second)) {
            assertFinishedRun(worker, sweep, RunState.COMPLETED);
            assertThat(worker.logLines(OUTAGE)).as("outages logged by %s", worker).isEqualTo(1);
            assertThat(worker.logLines(RECOVERED)).as("recoveries logged by %s", worker)
                    .isEqualTo(1);
        }
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(),
                (long) CHECKPOINT_PARAMETERS * leased);
    }

    /** Kills every client connection but the test's own three times during the run. */
    @Test
    void clientKill_workersReconnect() throws Exception {
        startRedis();
        Sweep sweep = Sweep.of("client-kill", 300, 20).option("sleep-ms", 20);
        enqueue(sweep);
        WorkerProcess first = startWorker("kill-1", sweep);
        WorkerProcess second = startWorker("kill-2", sweep);

        for (int kill = 1; kill <= 3; kill++) {
            long threshold = kill * 60L;
            waitUntil(PATIENCE, threshold + " parameters done",
                    () -> parametersDone(sweep) >= threshold);
            Long killed = inspector.sync().clientKill(KillArgs.Builder.typeNormal().skipme());
            assertThat(killed).as("connections killed").isPositive();
        }

        for (WorkerProcess worker : List.of(first, second)) {
            assertFinishedRun(worker, sweep, RunState.COMPLETED);
            assertThat(worker.logLines(OUTAGE)).as("outages logged by %s", worker)
                    .isLessThanOrEqualTo(3);
            assertThat(worker.logLines(RECOVERED)).as("recoveries logged by %s", worker)
                    .isEqualTo(worker.logLines(OUTAGE));
        }
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), 3L * 2 * CHECKPOINT_PARAMETERS);
    }

    /**
     * Starts a worker while Redis is down, with a password in REDIS_URL. It retries, logs the
     * outage once and never the password, and finishes the run once Redis is back.
     */
    @Test
    void redisDownAtStart_workerWaits() throws Exception {
        startRedisWithPassword("s3cret", "--appendonly", "yes", "--appendfsync", "always");
        Sweep sweep = Sweep.of("down-at-start", 100, 20);
        enqueue(sweep);
        redis.kill();

        WorkerProcess worker = startWorker("late-redis", sweep);
        waitUntil(PATIENCE, "the outage logged", () -> worker.logLines(OUTAGE) > 0);
        pause(1_500);
        assertThat(worker.alive()).as("worker alive while Redis is down").isTrue();
        restartRedis();

        assertFinishedRun(worker, sweep, RunState.COMPLETED);
        assertThat(worker.logLines(OUTAGE + " connecting")).isEqualTo(1);
        assertThat(worker.logLines(RECOVERED)).isEqualTo(1);
        assertThat(worker.log() + worker.out()).doesNotContain("s3cret");
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), 0);
    }

    /** A Redis that never comes up: the worker gives up after --redis-outage-seconds with 3. */
    @Test
    void redisNeverUp_exits3AfterLimit() throws Exception {
        startRedis();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> environment = environment("no-redis");
        environment.put("REDIS_URL", "redis://:s3cret@127.0.0.1:" + closedPort);
        long started = System.nanoTime();
        WorkerProcess worker = startWorkerWith("no-redis", environment, "--run", "never",
                "--redis-outage-seconds", "2");

        assertExit(worker, 3);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("ms until the worker gave up").isGreaterThan(2_000);
        assertThat(worker.logLines(OUTAGE)).isEqualTo(1);
        assertThat(worker.log()).contains("ttg-worker: error: Redis unreachable for")
                .contains("longer than the limit of 2 s").doesNotContain("s3cret");
    }
}
