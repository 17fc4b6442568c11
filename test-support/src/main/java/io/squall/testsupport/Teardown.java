package io.squall.testsupport;

/** Closes what a test started, in the order given, even when one of them fails to close. */
public final class Teardown {
    private Teardown() {
    }

    /**
     * Closes each of {@code resources} that is not null (one a test's setup did not reach), in order: a browser
     * before the server it talks to, a server before the cluster it shows. Every one is closed; the first failure
     * is thrown afterwards, with the later ones suppressed in it.
     */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception failure = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
