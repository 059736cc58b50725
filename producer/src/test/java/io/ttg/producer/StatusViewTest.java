package io.ttg.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.queue.RunSpec;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    private static final long NOW = 1_000_000_000L;
    private static final RunSpec SPEC = new RunSpec("stall", 1000, 100, "simulate", Map.of(), 3,
            6_000, false, NOW - 600_000);

    private static RunStatus running(long leased, long pending, long quietMillis) {
        return new RunStatus(SPEC, RunState.RUNNING, 10, pending, leased, 10 - pending - leased,
                0, (10 - pending - leased) * 100, 0, NOW - 600_000, NOW - quietMillis, 0, NOW,
                List.of());
    }

    @Test
    void render_pendingWithoutLeases_saysNoWorkerRuns() {
        String text = StatusView.render(running(0, 4, 120_000), "6 results");

        assertThat(text).contains("STALLED       no chunk completed for 2m 00s with 0 leased"
                + " and 4 pending");
        assertThat(text).contains("no chunk is leased, so no worker is running; start workers"
                + " with: ttg-worker --run stall");
    }

    @Test
    void render_leasedChunks_pointsAtTheirWorkers() {
        String text = StatusView.render(running(2, 3, 120_000), "5 results");

        assertThat(text).contains("with 2 leased and 3 pending");
        assertThat(text).contains("the workers that hold the leased chunks are stuck or dead");
    }

    @Test
    void render_recentCompletion_noStall() {
        String text = StatusView.render(running(2, 3, 10_000), "5 results");

        assertThat(text).doesNotContain("STALLED");
    }
}
