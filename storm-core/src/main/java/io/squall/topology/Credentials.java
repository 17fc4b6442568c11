package io.squall.topology;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A topology's credentials (Storm's): string keys and values its spouts and bolts are told of
 * ({@code ICredentialsListener}), and the owner the pusher expects the topology to have ({@code topoOwner}, optional:
 * a push to a topology owned by someone else is refused).
 */
public class Credentials implements Serializable {
    private static final long serialVersionUID = 1L;
    private Map<String, String> creds = new HashMap<>();
    private String topoOwner;

    public Credentials() {
    }

    public Credentials(Map<String, String> creds) {
        set_creds(creds);
    }

    public Map<String, String> get_creds() {
        return creds;
    }

    public void set_creds(Map<String, String> creds) {
        this.creds = creds == null ? new HashMap<>() : new HashMap<>(creds);
    }

    public int get_creds_size() {
        return creds.size();
    }

    public void put_to_creds(String key, String value) {
        creds.put(key, value);
    }

    public boolean is_set_creds() {
        return !creds.isEmpty();
    }

    public String get_topoOwner() {
        return topoOwner;
    }

    public void set_topoOwner(String topoOwner) {
        this.topoOwner = topoOwner;
    }

    public boolean is_set_topoOwner() {
        return topoOwner != null;
    }

    /** The keys only: a credential's value is never shown. */
    @Override
    public String toString() {
        return "Credentials(" + creds.keySet() + (topoOwner == null ? "" : ", owner " + topoOwner) + ")";
    }
}
