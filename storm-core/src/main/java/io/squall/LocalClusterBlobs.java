package io.squall;

import io.squall.blobstore.BlobLocalizer;
import io.squall.blobstore.LocalFsBlobStore;
import io.squall.blobstore.LocalModeClientBlobStore;
import io.squall.config.ConfigKeys;
import io.squall.errors.SquallException;
import io.squall.multilang.TopologyResources;
import io.squall.security.Authorizer;
import io.squall.topology.InvalidTopologyException;
import io.squall.utils.ObjectReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A local cluster's blob store and the blobs its topologies map: the store lives in a temporary directory for the
 * cluster's life and is the one {@code Utils.getClientBlobStore} gives in this JVM meanwhile; the blobs of a
 * topology's {@code topology.blobstore.map} are linked into this JVM's working directory (the in-process workers'
 * own) when it is submitted, checked for new versions every {@code supervisor.localizer.update.blob.interval.secs}
 * on a thread of this object, and unlinked when it ends. Thread-safe: each topology's localizer is used under its
 * own lock.
 */
final class LocalClusterBlobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterBlobs.class);

    private final Path dir;
    private final LocalFsBlobStore store;
    private final Map<String, BlobLocalizer> localizers = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> checks = new ConcurrentHashMap<>();
    private ScheduledExecutorService updates;

    LocalClusterBlobs() {
        this.dir = Path.of(System.getProperty("java.io.tmpdir"), "squall-local-blobs-" + UUID.randomUUID());
        this.store = new LocalFsBlobStore(dir, Authorizer.OPEN);
        LocalModeClientBlobStore.install(store);
    }

    LocalFsBlobStore store() {
        return store;
    }

    /**
     * Links the blobs {@code topoConf} maps into the working directory, their copies in {@code cacheDir}.
     *
     * @throws InvalidTopologyException if the map is not valid or names a key the store does not have
     */
    void localize(String name, Map<String, Object> topoConf, Path cacheDir) {
        List<BlobLocalizer.Mapping> mappings = BlobLocalizer.mappings(topoConf);
        if (mappings.isEmpty()) {
            return;
        }
        for (BlobLocalizer.Mapping m : mappings) {
            if (!store.exists(m.key())) {
                throw new InvalidTopologyException(BlobLocalizer.BLOBSTORE_MAP + " of topology '" + name + "' names "
                        + "the blob '" + m.key() + "', which is not in the blob store: create it first "
                        + "(Utils.getClientBlobStore(conf).createBlob)");
            }
            if (m.workerRestart()) {
                LOG.info("Blob {} of topology {} asks for workerRestart: in local mode its new versions are linked in "
                        + "without a restart", m.key(), name);
            }
        }
        BlobLocalizer localizer = new BlobLocalizer(new LocalModeClientBlobStore(store), Path.of(""), cacheDir,
                mappings);
        try {
            localizer.localizeAll();
        } catch (IOException e) {
            throw new SquallException("Cannot put the blobs of topology '" + name + "' in place: " + e, e);
        }
        localizers.put(name, localizer);
        long everySecs = ObjectReader.getInt(topoConf.get(ConfigKeys.SUPERVISOR_LOCALIZER_UPDATE_BLOB_INTERVAL_SECS
                .name()), (Integer) ConfigKeys.SUPERVISOR_LOCALIZER_UPDATE_BLOB_INTERVAL_SECS.defaultValue());
        checks.put(name, updates().scheduleWithFixedDelay(() -> update(name, localizer), everySecs, everySecs,
                TimeUnit.SECONDS));
    }

    private synchronized ScheduledExecutorService updates() {
        if (updates == null) {
            updates = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "local-blob-updates");
                t.setDaemon(true);
                return t;
            });
        }
        return updates;
    }

    private static void update(String name, BlobLocalizer localizer) {
        synchronized (localizer) {
            try {
                for (BlobLocalizer.Mapping m : localizer.updateChanged()) {
                    LOG.info("Blob {} of topology {} changed: version {} is linked in as {}", m.key(), name,
                            localizer.version(m.key()), m.localName());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot update the blobs of topology {} now; trying again later: {}", name, e.toString());
            }
        }
    }

    /** Unlinks a topology's blobs (and puts back the files their links stood in for). */
    void remove(String name) {
        ScheduledFuture<?> check = checks.remove(name);
        if (check != null) {
            check.cancel(false);
        }
        BlobLocalizer localizer = localizers.remove(name);
        if (localizer != null) {
            synchronized (localizer) {
                try {
                    localizer.remove();
                } catch (IOException e) {
                    LOG.warn("Cannot remove the blobs of topology {}: {}", name, e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        localizers.keySet().forEach(this::remove);
        synchronized (this) {
            if (updates != null) {
                updates.shutdownNow();
            }
        }
        LocalModeClientBlobStore.uninstall(store);
        try {
            if (Files.exists(dir)) {
                TopologyResources.delete(dir);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete the local blob store {}: {}", dir, e.toString());
        }
    }
}
