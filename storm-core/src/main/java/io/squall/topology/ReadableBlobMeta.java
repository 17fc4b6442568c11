package io.squall.topology;

import java.io.Serializable;

/** What anyone who may read a blob learns of it: its settable meta and its version. Storm's generated type. */
public class ReadableBlobMeta implements Serializable {
    private static final long serialVersionUID = 1L;

    private SettableBlobMeta settable;
    private long version;

    /** Empty meta. */
    public ReadableBlobMeta() {
    }

    /** Meta of a blob at {@code version}. */
    public ReadableBlobMeta(SettableBlobMeta settable, long version) {
        this.settable = settable;
        this.version = version;
    }

    /** The access control list and replication factor. */
    public SettableBlobMeta get_settable() {
        return settable;
    }

    /** Sets the settable part. */
    public void set_settable(SettableBlobMeta settable) {
        this.settable = settable;
    }

    /** The version: it grows with every update of the blob's content. */
    public long get_version() {
        return version;
    }

    /** Sets the version. */
    public void set_version(long version) {
        this.version = version;
    }
}
