package io.ttg.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.ttg.BrokerUnavailableException;
import io.ttg.CorruptKeyException;
import io.ttg.ExitCodes;
import io.ttg.TtgException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class RedisErrorsTest {
    private static final String KEYS = "{ttg:r}:spec, {ttg:r}:meta";

    private static TtgException translate(RedisException e) {
        return RedisErrors.translate(e, "claiming a chunk", KEYS);
    }

    @Test
    void translate_interrupted_restoresInterruptFlag() {
        try {
            TtgException error = translate(
                    new RedisCommandInterruptedException(new InterruptedException()));

            assertThat(error).isInstanceOf(BrokerUnavailableException.class)
                    .hasMessage("claiming a chunk was interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void translate_timeout_isBrokerUnavailable() {
        TtgException error = translate(
                new RedisCommandTimeoutException("Command timed out after 10 second(s)"));

        assertThat(error).isInstanceOf(BrokerUnavailableException.class)
                .hasMessage("claiming a chunk timed out: Command timed out after 10 second(s)");
    }

    @Test
    void translate_connectionFailure_namesRootCause() {
        TtgException error = translate(new RedisConnectionException("Unable to connect",
                new ConnectException("Connection refused")));

        assertThat(error).isInstanceOf(BrokerUnavailableException.class)
                .hasMessage("claiming a chunk failed: Unable to connect (Connection refused)");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void translate_wrongType_isCorruptKeyNamingKeys() {
        TtgException error = translate(new RedisCommandExecutionException(
                "WRONGTYPE Operation against a key holding the wrong kind of value"));

        assertThat(error).isInstanceOf(CorruptKeyException.class)
                .hasMessage("a key among " + KEYS + " holds a value of the wrong type for TTG"
                        + " (WRONGTYPE Operation against a key holding the wrong kind of value);"
                        + " it was not written by TTG. Delete the run's keys or use another"
                        + " --run");
        assertThat(((CorruptKeyException) error).key()).isEqualTo(KEYS);
        assertThat(error.exitCode()).isEqualTo(ExitCodes.CONFLICT);
    }

    @Test
    void translate_closedConnection_isBrokerUnavailable() {
        TtgException error = translate(new RedisException("Connection closed"));

        assertThat(error).isInstanceOf(BrokerUnavailableException.class)
                .hasMessage("claiming a chunk failed: Connection closed");
    }

    @Test
    void translate_ioCause_isBrokerUnavailable() {
        TtgException error = translate(new RedisException("write failed",
                new IOException("Broken pipe")));

        assertThat(error).isInstanceOf(BrokerUnavailableException.class)
                .hasMessage("claiming a chunk failed: write failed (Broken pipe)");
    }

    @Test
    void translate_otherServerError_isPlainFailure() {
        TtgException error = translate(new RedisCommandExecutionException("ERR unknown command"));

        assertThat(error.getClass()).isEqualTo(TtgException.class);
        assertThat(error).hasMessage("claiming a chunk failed: ERR unknown command");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void isRetryable_connectionProblems_isTrue() {
        assertThat(RedisErrors.isRetryable(new BrokerUnavailableException("down", null)))
                .isTrue();
        assertThat(RedisErrors.isRetryable(new RedisCommandTimeoutException("slow"))).isTrue();
        assertThat(RedisErrors.isRetryable(new RedisConnectionException("refused"))).isTrue();
        assertThat(RedisErrors.isRetryable(new RedisException("LOADING Redis is loading")))
                .isTrue();
    }

    @Test
    void isRetryable_otherErrors_isFalse() {
        assertThat(RedisErrors.isRetryable(new RedisCommandExecutionException("ERR syntax")))
                .isFalse();
        assertThat(RedisErrors.isRetryable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void rootMessage_nestedCauses_namesInnermost() {
        Exception error = new RuntimeException("outer",
                new IllegalStateException("middle", new IOException("inner")));

        assertThat(RedisErrors.rootMessage(error)).isEqualTo("outer (inner)");
    }

    @Test
    void rootMessage_noCause_isMessage() {
        assertThat(RedisErrors.rootMessage(new RuntimeException("alone"))).isEqualTo("alone");
    }
}
