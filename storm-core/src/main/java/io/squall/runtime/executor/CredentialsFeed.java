package io.squall.runtime.executor;

import io.squall.runtime.api.LocalRuntime;

import java.util.Map;

/**
 * A worker's copy of its topology's credentials, which executors give to their {@code ICredentialsListener} tasks:
 * set by the worker's owner (a local cluster, or the worker process as Nimbus's copy changes), read by the executors.
 * Thread-safe: a new map replaces the old one whole, then the version moves on.
 */
public final class CredentialsFeed {
    private volatile Map<String, String> current = Map.of();
    private volatile int version;

    /** The credentials now (never null). */
    public Map<String, String> current() {
        return current;
    }

    /** Moves on at each change: an executor compares it with the version it last gave out. */
    public int version() {
        return version;
    }

    /**
     * Sets the credentials; a map equal to the current one changes nothing.
     *
     * @throws IllegalArgumentException for a null key or value
     */
    public synchronized void set(Map<String, String> credentials) {
        Map<String, String> next = copy(credentials);
        if (!next.equals(current)) {
            current = next;
            version++;
        }
    }

    /**
     * {@code credentials} as an immutable map (empty for null).
     *
     * @throws IllegalArgumentException for a null key or value
     */
    public static Map<String, String> copy(Map<String, String> credentials) {
        return credentials == null ? Map.of() : Map.copyOf(LocalRuntime.checkCredentials(credentials));
    }
}
