package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttg.UsageException;
import org.junit.jupiter.api.Test;

class RunKeysTest {

    @Test
    void all_listsTaggedKeysInOrder() {
        RunKeys keys = new RunKeys("sweep-1");

        assertThat(keys.all()).containsExactly("{ttg:sweep-1}:spec", "{ttg:sweep-1}:meta",
                "{ttg:sweep-1}:pending", "{ttg:sweep-1}:leases", "{ttg:sweep-1}:owners",
                "{ttg:sweep-1}:attempts", "{ttg:sweep-1}:done", "{ttg:sweep-1}:failed",
                "{ttg:sweep-1}:results", "{ttg:sweep-1}:checkpoints");
    }

    @Test
    void list_matchesAll() {
        RunKeys keys = new RunKeys("sweep-1");

        assertThat(keys.list()).containsExactly(keys.all());
    }

    @Test
    void new_runIdWithBrace_isRejected() {
        assertThatThrownBy(() -> new RunKeys("a}b"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--run must be 1 to 64 letters, digits, '.', '-' or '_', got 'a}b'");
    }
}
