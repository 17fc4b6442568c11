package io.squall.blobstore;

import io.squall.errors.SquallException;
import io.squall.topology.AccessControl;
import io.squall.topology.KeyAlreadyExistsException;
import io.squall.topology.KeyNotFoundException;
import io.squall.topology.ReadableBlobMeta;
import io.squall.topology.SettableBlobMeta;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The client of Nimbus's blob store, over its HTTP API with the caller's credentials (as every other Nimbus call,
 * so with authentication on, the blobs' ACLs apply to the user whose token it sends). A blob's content is sent when
 * its {@link AtomicOutputStream} is closed, in one request (at most {@code nimbus.max.upload.bytes}). Not
 * thread-safe.
 */
public final class NimbusBlobStore extends ClientBlobStore {
    private final NimbusClient nimbus;

    /** A client that calls Nimbus through {@code nimbus}. */
    public NimbusBlobStore(NimbusClient nimbus) {
        this.nimbus = nimbus;
    }

    @Override
    protected AtomicOutputStream createBlobToExtend(String key, SettableBlobMeta meta) {
        if (isRemoteBlobExists(key)) {
            throw new KeyAlreadyExistsException("Blob '" + key + "' exists already: update it or delete it first");
        }
        List<String> acl = aclText(meta);
        Integer replication = meta.is_set_replication_factor() ? meta.get_replication_factor() : null;
        return new BufferedAtomicOutputStream(key, content -> nimbus.createBlob(key, acl, replication, content));
    }

    @Override
    public AtomicOutputStream updateBlob(String key) {
        LocalFsBlobStore.validateKey(key);
        getBlobMeta(key);
        return new BufferedAtomicOutputStream(key, content -> nimbus.updateBlob(key, content));
    }

    @Override
    public ReadableBlobMeta getBlobMeta(String key) {
        LocalFsBlobStore.validateKey(key);
        Map<String, Object> m = io(() -> nimbus.getBlobMeta(key), key);
        List<AccessControl> acl = new ArrayList<>();
        for (Object entry : (List<?>) m.getOrDefault("acl", List.of())) {
            acl.add(BlobStoreAclHandler.parseAccessControl(String.valueOf(entry)));
        }
        SettableBlobMeta settable = new SettableBlobMeta(acl);
        if (m.get("replication") instanceof Number n) {
            settable.set_replication_factor(n.intValue());
        }
        return new ReadableBlobMeta(settable, ((Number) m.get("version")).longValue());
    }

    @Override
    protected void setBlobMetaToExtend(String key, SettableBlobMeta meta) {
        io(() -> {
            nimbus.setBlobMeta(key, aclText(meta), meta.is_set_replication_factor() ? meta.get_replication_factor()
                    : null);
            return null;
        }, key);
    }

    @Override
    public void deleteBlob(String key) {
        LocalFsBlobStore.validateKey(key);
        io(() -> {
            nimbus.deleteBlob(key);
            return null;
        }, key);
    }

    @Override
    public InputStreamWithMeta getBlob(String key) {
        LocalFsBlobStore.validateKey(key);
        NimbusClient.Blob b = io(() -> nimbus.getBlob(key), key);
        return new ByteInputStreamWithMeta(b.content(), b.version());
    }

    @Override
    public Iterator<String> listKeys() {
        return io(nimbus::listBlobs, "*").iterator();
    }

    @Override
    public boolean isRemoteBlobExists(String key) {
        try {
            getBlobMeta(key);
            return true;
        } catch (KeyNotFoundException e) {
            return false;
        }
    }

    @Override
    public void shutdown() {
    }

    private static List<String> aclText(SettableBlobMeta meta) {
        return meta.get_acl().stream().map(BlobStoreAclHandler::accessControlToString).toList();
    }

    private interface Io<T> {
        T call() throws IOException;
    }

    private static <T> T io(Io<T> call, String key) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new SquallException("Cannot reach Nimbus's blob store for blob '" + key + "': " + e.getMessage(), e);
        }
    }
}
