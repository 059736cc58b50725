package io.ttg;

/** Redis cannot be reached, timed out, or answered in a way that Redis would not. */
public final class BrokerUnavailableException extends TtgException {
    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(ExitCodes.UNAVAILABLE, message, cause);
    }
}
