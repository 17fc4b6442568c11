package io.squall.blobstore;

import io.squall.errors.SquallException;
import io.squall.topology.KeyAlreadyExistsException;
import io.squall.topology.ReadableBlobMeta;
import io.squall.topology.SettableBlobMeta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The client of a local cluster's blob store, in this JVM: what {@code Utils.getClientBlobStore(conf)} gives while
 * a {@code LocalCluster} runs (the one made last, as Storm's local mode routes Nimbus calls to it). Not
 * thread-safe; the store it uses is.
 */
public final class LocalModeClientBlobStore extends ClientBlobStore {
    private static volatile LocalFsBlobStore installed;

    private final LocalFsBlobStore store;

    /** A client of {@code store}. */
    public LocalModeClientBlobStore(LocalFsBlobStore store) {
        this.store = store;
    }

    /** Makes {@code store} the one local-mode clients use (a {@code LocalCluster} does so when made). */
    public static void install(LocalFsBlobStore store) {
        installed = store;
    }

    /** Stops clients from using {@code store}, if it is the installed one (a {@code LocalCluster} at close). */
    public static void uninstall(LocalFsBlobStore store) {
        if (installed == store) {
            installed = null;
        }
    }

    /** The store of the local cluster running in this JVM, or null if none runs. */
    public static LocalFsBlobStore installed() {
        return installed;
    }

    @Override
    protected AtomicOutputStream createBlobToExtend(String key, SettableBlobMeta meta) {
        if (store.exists(key)) {
            throw new KeyAlreadyExistsException("Blob '" + key + "' exists already: update it or delete it first");
        }
        return new BufferedAtomicOutputStream(key, content -> store.create(null, key, meta, content));
    }

    @Override
    public AtomicOutputStream updateBlob(String key) {
        getBlobMeta(key);
        return new BufferedAtomicOutputStream(key, content -> store.update(null, key, content));
    }

    @Override
    public ReadableBlobMeta getBlobMeta(String key) {
        return io(() -> store.meta(null, key));
    }

    @Override
    protected void setBlobMetaToExtend(String key, SettableBlobMeta meta) {
        io(() -> {
            store.setMeta(null, key, meta);
            return null;
        });
    }

    @Override
    public void deleteBlob(String key) {
        io(() -> {
            store.delete(null, key);
            return null;
        });
    }

    @Override
    public InputStreamWithMeta getBlob(String key) {
        LocalFsBlobStore.Blob b = io(() -> store.get(null, key));
        return new ByteInputStreamWithMeta(b.content(), b.version());
    }

    @Override
    public Iterator<String> listKeys() {
        return io(store::keys).iterator();
    }

    @Override
    public void shutdown() {
    }

    private interface Io<T> {
        T call() throws IOException;
    }

    private static <T> T io(Io<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new SquallException("The local blob store failed: " + e, new UncheckedIOException(e));
        }
    }
}
