package io.squall.hdfs.common;

import io.squall.errors.SquallException;

/** A failure of an HDFS bolt, spout or state: its message names the file or setting and what to do. */
public class HdfsException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that names what is wrong. */
    public HdfsException(String message) {
        super(message);
    }

    /** An exception with a message and the failure that caused it. */
    public HdfsException(String message, Throwable cause) {
        super(message, cause);
    }
}
