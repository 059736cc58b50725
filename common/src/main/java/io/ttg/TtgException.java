package io.ttg;

/**
 * Root of TTG's unchecked exceptions. Each one carries the exit code that a command ends with
 * when the exception reaches {@code main}, so that scripts and Kubernetes can tell failures apart.
 */
public class TtgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public TtgException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public TtgException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Returns the process exit code for this failure, one of {@link ExitCodes}. */
    public int exitCode() {
        return exitCode;
    }
}
