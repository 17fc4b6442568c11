package io.squall.topology;

/** Like {@link FailedException}, but the error is also reported to the topology's error log. */
public class ReportedFailedException extends FailedException {
    private static final long serialVersionUID = 1L;

    /** A reported failure without a message, as Storm's no-argument constructor. */
    public ReportedFailedException() {
        super();
    }

    /** A reported failure with a message. */
    public ReportedFailedException(String message) {
        super(message);
    }

    /** A reported failure with a message and cause. */
    public ReportedFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A reported failure caused by another exception. */
    public ReportedFailedException(Throwable cause) {
        super(cause);
    }
}
