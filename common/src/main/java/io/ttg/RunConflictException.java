package io.ttg;

/** A run id already names a run whose spec differs from the one given. */
public final class RunConflictException extends TtgException {
    private static final long serialVersionUID = 1L;

    private final String runId;

    public RunConflictException(String runId, String message) {
        super(ExitCodes.CONFLICT, message);
        this.runId = runId;
    }

    /** Returns the id of the run that exists with another spec. */
    public String runId() {
        return runId;
    }
}
