package io.squall.topology;

import java.io.Serializable;
import java.util.Objects;

/**
 * One entry of a blob's access control list: who ({@link AccessControlType#USER} with a name, or
 * {@link AccessControlType#OTHER}) may do what, as a bit mask of {@code READ} (1), {@code WRITE} (2) and
 * {@code ADMIN} (4) ({@link io.squall.blobstore.BlobStoreAclHandler}). Storm's generated type, as a plain class.
 */
public class AccessControl implements Serializable {
    private static final long serialVersionUID = 1L;

    private AccessControlType type;
    private String name;
    private int access;

    /** An empty entry; set its type and access. */
    public AccessControl() {
    }

    /** An entry for {@code type} with the {@code access} bits. */
    public AccessControl(AccessControlType type, int access) {
        this.type = type;
        this.access = access;
    }

    /** Whom the entry names. */
    public AccessControlType get_type() {
        return type;
    }

    /** Sets whom the entry names. */
    public void set_type(AccessControlType type) {
        this.type = type;
    }

    /** The user's name (for a {@link AccessControlType#USER} entry), or null. */
    public String get_name() {
        return name;
    }

    /** Sets the user's name. */
    public void set_name(String name) {
        this.name = name;
    }

    /** Whether a name is set. */
    public boolean is_set_name() {
        return name != null;
    }

    /** The access bits. */
    public int get_access() {
        return access;
    }

    /** Sets the access bits. */
    public void set_access(int access) {
        this.access = access;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessControl a && a.type == type && a.access == access && Objects.equals(a.name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, access);
    }

    @Override
    public String toString() {
        return io.squall.blobstore.BlobStoreAclHandler.accessControlToString(this);
    }
}
