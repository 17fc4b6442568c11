package io.squall.topology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a blob's creator or admin sets: its access control list and replication factor. Storm's generated type. */
public class SettableBlobMeta implements Serializable {
    private static final long serialVersionUID = 1L;

    private List<AccessControl> acl;
    private Integer replicationFactor;

    /** Meta with an empty access control list. */
    public SettableBlobMeta() {
        this(new ArrayList<>());
    }

    /** Meta with the access control list {@code acl}. */
    public SettableBlobMeta(List<AccessControl> acl) {
        this.acl = acl == null ? new ArrayList<>() : new ArrayList<>(acl);
    }

    /** The access control list. */
    public List<AccessControl> get_acl() {
        return acl;
    }

    /** Sets the access control list. */
    public void set_acl(List<AccessControl> acl) {
        this.acl = acl == null ? new ArrayList<>() : new ArrayList<>(acl);
    }

    /** The number of entries in the access control list. */
    public int get_acl_size() {
        return acl.size();
    }

    /** Adds an entry to the access control list. */
    public void add_to_acl(AccessControl entry) {
        acl.add(entry);
    }

    /** The replication factor, 1 unless set (Squall keeps one copy; see the README's blob store section). */
    public int get_replication_factor() {
        return replicationFactor == null ? 1 : replicationFactor;
    }

    /** Sets the replication factor (kept and reported; Squall's store keeps one copy). */
    public void set_replication_factor(int replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    /** Whether a replication factor was set. */
    public boolean is_set_replication_factor() {
        return replicationFactor != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettableBlobMeta m && m.acl.equals(acl)
                && m.get_replication_factor() == get_replication_factor();
    }

    @Override
    public int hashCode() {
        return Objects.hash(acl, get_replication_factor());
    }

    @Override
    public String toString() {
        return "SettableBlobMeta(acl:" + acl + ", replication_factor:" + get_replication_factor() + ")";
    }
}
