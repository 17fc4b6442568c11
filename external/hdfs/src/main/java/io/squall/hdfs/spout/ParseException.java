package io.squall.hdfs.spout;

/** A file is not of the format its reader reads: the spout moves it to the bad files directory. */
public class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception naming what in the file is wrong. */
    public ParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
