package io.ttg;

/** No run with the given id exists in the broker, or its state was lost. */
public final class RunNotFoundException extends TtgException {
    private static final long serialVersionUID = 1L;

    private final String runId;

    public RunNotFoundException(String runId, String message) {
        super(ExitCodes.RUN_NOT_FOUND, message);
        this.runId = runId;
    }

    /** Returns the id of the run that was not found. */
    public String runId() {
        return runId;
    }
}
