package io.squall.hooks;

/** A submitter hook ({@code io.squall.ISubmitterHook}) could not be made or failed; the cause says why. */
public class SubmitterHookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubmitterHookException() {
    }

    public SubmitterHookException(String message) {
        super(message);
    }

    public SubmitterHookException(String message, Throwable cause) {
        super(message, cause);
    }

    public SubmitterHookException(Throwable cause) {
        super(cause);
    }
}
