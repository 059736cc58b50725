package io.ttg.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunState;
import io.ttg.redis.RedisConnection;
import io.ttg.results.CsvExporter;
import io.ttg.testing.TestRedis;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workers on separate connections to a real Redis server, as separate pods would be. */
class WorkerRedisTest {
    private static TestRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static ChunkQueue connect() {
        return new RedisChunkQueue(RedisConnection.open(redis.url()));
    }

    @Test
    void run_twoWorkers_saveEveryResult() throws Exception {
        RunSpec spec = new RunSpec("worker-redis-primes", 20_000, 1_000, "primes", Map.of(), 3,
                30_000, true, 0);
        List<ChunkQueue> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ChunkQueue producer = connect()) {
            producer.enqueue(spec);
            List<Future<WorkerReport>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ChunkQueue client = connect();
                clients.add(client);
                Worker worker = new Worker(client, spec.runId(),
                        WorkerTest.settings("pod-" + i, 2), new SimpleMeterRegistry());
                runs.add(pool.submit(worker::run));
            }
            long chunks = 0;
            for (Future<WorkerReport> run : runs) {
                chunks += run.get(60, TimeUnit.SECONDS).chunks();
            }
            StringWriter csv = new StringWriter();

            List<?> missing = CsvExporter.write(producer, spec, csv);

            assertThat(chunks).isEqualTo(20);
            assertThat(producer.status(spec.runId()).orElseThrow().state())
                    .isEqualTo(RunState.COMPLETED);
            assertThat(missing).isEmpty();
            String[] lines = csv.toString().split("\n");
            assertThat(lines).hasSize(20_001);
            assertThat(lines).filteredOn(line -> line.endsWith(",1")).hasSize(2_262);
        } finally {
            pool.shutdownNow();
            clients.forEach(ChunkQueue::close);
        }
    }
}
