package io.squall.multilang;

/** The subprocess's output ended (it exited or closed stdout) while a message was expected. */
public class NoOutputException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception without a message. */
    public NoOutputException() {
        super();
    }

    /** An exception saying why no output came. */
    public NoOutputException(String message) {
        super(message);
    }

    /** An exception saying why no output came, with its cause. */
    public NoOutputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An exception caused by {@code cause}. */
    public NoOutputException(Throwable cause) {
        super(cause);
    }
}
