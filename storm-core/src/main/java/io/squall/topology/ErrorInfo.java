package io.squall.topology;

import java.io.Serializable;

/** An error a task reported, with Storm's getters. */
public class ErrorInfo implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String error;
    private final int errorTimeSecs;
    private final String host;
    private final int port;

    public ErrorInfo(String error, int errorTimeSecs, String host, int port) {
        this.error = error;
        this.errorTimeSecs = errorTimeSecs;
        this.host = host;
        this.port = port;
    }

    public String get_error() {
        return error;
    }

    public int get_error_time_secs() {
        return errorTimeSecs;
    }

    public String get_host() {
        return host;
    }

    public int get_port() {
        return port;
    }

    @Override
    public String toString() {
        return "ErrorInfo(" + error + " at " + errorTimeSecs + ")";
    }
}
