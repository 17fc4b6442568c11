package io.squall.daemon.logviewer;

/**
 * Decides whether the user of a request may read a log file. With authentication off ({@link #OPEN}) everyone may
 * read every file; with it on, see {@link NimbusLogAccess}. Implementations are thread-safe.
 */
public interface LogAccess {
    /** Everyone may read everything: a cluster without authentication. */
    LogAccess OPEN = new LogAccess() {
        @Override
        public void checkWorkerLog(String token, String topologyId) {
        }

        @Override
        public void checkDaemonLog(String token) {
        }
    };

    /**
     * Checks that the user whose token this is may read the logs of {@code topologyId}'s workers.
     *
     * @param token the request's bearer token, or null
     * @throws LogRequestException 401 when the token is missing or not accepted, 403 when the user may not
     */
    void checkWorkerLog(String token, String topologyId);

    /**
     * Checks that the user whose token this is may read the daemons' logs.
     *
     * @param token the request's bearer token, or null
     * @throws LogRequestException 401 when the token is missing or not accepted, 403 when the user may not
     */
    void checkDaemonLog(String token);
}
