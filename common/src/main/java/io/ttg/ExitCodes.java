package io.ttg;

/**
 * Process exit codes of {@code ttg-producer} and {@code ttg-worker}. The README's table lists the
 * same values; a Kubernetes podFailurePolicy matches on them.
 */
public final class ExitCodes {
    /** The command did what it was asked; for a worker, the run has no chunk left to process. */
    public static final int OK = 0;
    /** An unexpected failure, such as a computation that cannot be loaded or an I/O error. */
    public static final int FAILURE = 1;
    /** Invalid usage: a bad option, environment variable or REDIS_URL. Retrying cannot help. */
    public static final int USAGE = 2;
    /** Redis could not be reached, or the server at REDIS_URL is not Redis. */
    public static final int UNAVAILABLE = 3;
    /** The run does not exist, or its state vanished from Redis while workers were running. */
    public static final int RUN_NOT_FOUND = 4;
    /** The run id already names a run with a different spec, or a TTG key has foreign content. */
    public static final int CONFLICT = 5;
    /** The run ended, but some chunks failed after their maximum number of attempts. */
    public static final int COMPLETED_WITH_FAILURES = 6;

    private ExitCodes() {}
}
