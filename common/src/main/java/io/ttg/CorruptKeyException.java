package io.ttg;

/** A TTG key in Redis contains a value that TTG did not write, or is of the wrong type. */
public final class CorruptKeyException extends TtgException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public CorruptKeyException(String key, String message, Throwable cause) {
        super(ExitCodes.CONFLICT, message, cause);
        this.key = key;
    }

    /** Returns the Redis key whose value could not be read. */
    public String key() {
        return key;
    }
}
