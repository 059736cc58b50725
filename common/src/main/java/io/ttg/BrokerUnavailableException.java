package io.ttg;

/** Redis cannot be reached, or it timed out or is not ready yet. */
public final class BrokerUnavailableException extends TtgException {
    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(ExitCodes.UNAVAILABLE, message, cause);
    }
}
