package io.ttg;

/**
 * The server at REDIS_URL responded, but retrying cannot help: it is not Redis, or it rejected the
 * password or database number. Unlike {@link BrokerUnavailableException}, workers do not retry it.
 */
public final class BrokerRejectedException extends TtgException {
    private static final long serialVersionUID = 1L;

    public BrokerRejectedException(String message, Throwable cause) {
        super(ExitCodes.UNAVAILABLE, message, cause);
    }
}
