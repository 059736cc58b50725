package io.ttg.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.ttg.BrokerUnavailableException;
import io.ttg.CorruptKeyException;
import io.ttg.TtgException;

/** Turns Lettuce's exceptions into TTG's, in one place. */
public final class RedisErrors {
    private RedisErrors() {}

    /**
     * Returns the TTG exception for a failed Redis call. An interrupted call restores the thread's
     * interrupt flag. {@code keys} names the keys the call touched, for WRONGTYPE errors.
     */
    public static TtgException translate(RedisException e, String what, String keys) {
        if (e instanceof RedisCommandInterruptedException) {
            Thread.currentThread().interrupt();
            return new BrokerUnavailableException(what + " was interrupted", e);
        }
        if (e instanceof RedisCommandTimeoutException) {
            return new BrokerUnavailableException(what + " timed out: " + e.getMessage(), e);
        }
        if (e instanceof RedisConnectionException) {
            return new BrokerUnavailableException(what + " failed: " + rootMessage(e), e);
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof RedisCommandExecutionException && message.contains("WRONGTYPE")) {
            return new CorruptKeyException(keys, "a key among " + keys + " holds a value of the"
                    + " wrong type for TTG (" + message + "); it was not written by TTG. Delete"
                    + " the run's keys or use another --run", e);
        }
        if (isConnectionProblem(e)) {
            return new BrokerUnavailableException(what + " failed: " + rootMessage(e), e);
        }
        return new TtgException(io.ttg.ExitCodes.FAILURE, what + " failed: " + message, e);
    }

    /** Returns whether a retry after reconnecting may succeed. */
    public static boolean isRetryable(Throwable e) {
        return e instanceof BrokerUnavailableException
                || e instanceof RedisCommandTimeoutException
                || e instanceof RedisConnectionException
                || (e instanceof RedisException && isConnectionProblem((RedisException) e));
    }

    /**
     * Returns whether the error comes from a lost connection. When a connection drops, Lettuce
     * 7.7 fails the commands still queued on it with "Connection disconnected".
     */
    private static boolean isConnectionProblem(RedisException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Connection closed")
                || message.contains("Connection disconnected")
                || message.contains("Currently not connected")
                || message.contains("LOADING")
                || message.contains("Connection reset")
                || e.getCause() instanceof java.io.IOException;
    }

    /** Returns the innermost cause of {@code e}, or {@code e} itself when it has none. */
    static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Returns the message of the innermost cause, which names the socket problem. */
    static String rootMessage(Throwable e) {
        Throwable root = rootCause(e);
        return root == e ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
