package io.ttg;

/** Invalid input from a flag, an environment variable or a URL; the message names the value. */
public final class UsageException extends TtgException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(ExitCodes.USAGE, message);
    }
}
