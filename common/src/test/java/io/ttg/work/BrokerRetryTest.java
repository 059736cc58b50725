package io.ttg.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttg.BrokerUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Retries wait 100 ms, then 200 ms, and so on, so each failure below costs real time. */
class BrokerRetryTest {
    private final AtomicInteger errors = new AtomicInteger();

    private BrokerRetry retry(Duration limit, boolean stopping) {
        return new BrokerRetry("w1", limit, () -> stopping, errors::incrementAndGet);
    }

    /** Returns a call that fails {@code failures} times, then returns "ok". */
    private static Supplier<String> failingTimes(int failures) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw new BrokerUnavailableException("Redis is down", null);
            }
            return "ok";
        };
    }

    @Test
    void call_succeeds_returnsValueWithoutErrors() {
        String result = retry(Duration.ofMinutes(1), false).call("claiming", () -> "ok");

        assertThat(result).isEqualTo("ok");
        assertThat(errors).hasValue(0);
    }

    @Test
    void call_failsTwiceThenSucceeds_returnsValue() {
        String result = retry(Duration.ofMinutes(1), false).call("claiming", failingTimes(2));

        assertThat(result).isEqualTo("ok");
        assertThat(errors).hasValue(2);
    }

    @Test
    void call_failsWhileStopping_returnsNull() {
        String result = retry(Duration.ofMinutes(1), true).call("claiming", failingTimes(5));

        assertThat(result).isNull();
        assertThat(errors).hasValue(1);
    }

    @Test
    void call_outageOverLimit_throws() {
        BrokerRetry retry = retry(Duration.ZERO, false);

        assertThatThrownBy(() -> retry.call("claiming", failingTimes(100)))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessage("Redis unreachable for 0 s, longer than the limit of 0 s; last"
                        + " error: Redis is down");
        assertThat(errors).hasValue(2);
    }

    @Test
    void call_interrupted_returnsNull() {
        Thread.currentThread().interrupt();
        try {
            String result = retry(Duration.ofMinutes(1), false).call("claiming", failingTimes(5));

            assertThat(result).isNull();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void call_otherException_isNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        BrokerRetry retry = retry(Duration.ofMinutes(1), false);

        assertThatThrownBy(() -> retry.call("claiming", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
        assertThat(errors).hasValue(0);
    }
}
