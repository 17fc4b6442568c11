package io.squall.blobstore;

import io.squall.topology.AuthorizationException;
import io.squall.topology.KeyAlreadyExistsException;
import io.squall.topology.KeyNotFoundException;
import io.squall.topology.ReadableBlobMeta;
import io.squall.topology.SettableBlobMeta;

import java.util.Iterator;
import java.util.Map;

/**
 * Storm's client of the blob store: {@code Utils.getClientBlobStore(conf)} gives Nimbus's
 * ({@link NimbusBlobStore}), or, while a {@code LocalCluster} runs in this JVM, the local cluster's
 * ({@link LocalModeClientBlobStore}). A blob's content is written through an {@link AtomicOutputStream} and becomes
 * its new version when the stream is closed; running topologies that map the blob in {@code topology.blobstore.map}
 * see the new version in their workers' directories within {@code supervisor.localizer.update.blob.interval.secs}.
 *
 * <p>Every call may throw {@link KeyNotFoundException} (no blob has the key), {@link AuthorizationException} (the
 * blob's ACL does not let the user do that) or {@link IllegalArgumentException} (a key that is not valid). Not
 * thread-safe.
 */
public abstract class ClientBlobStore implements AutoCloseable {
    /** Takes the configuration; Squall's stores are configured when made, so this does nothing unless overridden. */
    public void prepare(Map<String, Object> conf) {
    }

    /**
     * Starts a new blob: its content is what is written to the stream, and it exists once the stream is closed.
     *
     * @throws KeyAlreadyExistsException if the key has a blob already
     */
    public final AtomicOutputStream createBlob(String key, SettableBlobMeta meta) {
        LocalFsBlobStore.validateKey(key);
        if (meta == null) {
            throw new IllegalArgumentException("createBlob('" + key + "') needs a SettableBlobMeta (its ACL)");
        }
        return createBlobToExtend(key, meta);
    }

    /** {@link #createBlob} of the implementation, with a valid key and meta. */
    protected abstract AtomicOutputStream createBlobToExtend(String key, SettableBlobMeta meta);

    /** Starts a new version of a blob: its content is what is written to the stream, once the stream is closed. */
    public abstract AtomicOutputStream updateBlob(String key);

    /** A blob's ACL, replication factor and version. */
    public abstract ReadableBlobMeta getBlobMeta(String key);

    /** Replaces a blob's ACL and replication factor (admin access to it). */
    public final void setBlobMeta(String key, SettableBlobMeta meta) {
        LocalFsBlobStore.validateKey(key);
        if (meta == null) {
            throw new IllegalArgumentException("setBlobMeta('" + key + "') needs a SettableBlobMeta");
        }
        setBlobMetaToExtend(key, meta);
    }

    /** {@link #setBlobMeta} of the implementation, with a valid key and meta. */
    protected abstract void setBlobMetaToExtend(String key, SettableBlobMeta meta);

    /** Deletes a blob (write access to it). */
    public abstract void deleteBlob(String key);

    /** The current version of a blob. */
    public abstract InputStreamWithMeta getBlob(String key);

    /** Every key in the store. */
    public abstract Iterator<String> listKeys();

    /** A blob's replication factor (Squall keeps one copy of each, on the Nimbus machines' shared disk). */
    public int getBlobReplication(String key) {
        return getBlobMeta(key).get_settable().get_replication_factor();
    }

    /** Sets a blob's replication factor (kept in its meta) and returns it. */
    public int updateBlobReplication(String key, int replication) {
        SettableBlobMeta meta = getBlobMeta(key).get_settable();
        meta.set_replication_factor(replication);
        setBlobMeta(key, meta);
        return replication;
    }

    /** Whether {@code key} has a blob (that this user may read). */
    public boolean isRemoteBlobExists(String key) {
        try {
            getBlobMeta(key);
            return true;
        } catch (KeyNotFoundException e) {
            return false;
        }
    }

    /** Releases the client's resources. */
    public abstract void shutdown();

    /** The same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }
}
