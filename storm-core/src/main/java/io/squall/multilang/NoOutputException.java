package io.squall.multilang;

/** The subprocess's output ended (it exited or closed stdout) while a message was expected. */
public class NoOutputException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception saying why no output came. */
    public NoOutputException(String message) {
        super(message);
    }
}
