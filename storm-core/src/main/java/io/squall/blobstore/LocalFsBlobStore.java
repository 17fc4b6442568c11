package io.squall.blobstore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.security.Authorizer;
import io.squall.security.TokenStore;
import io.squall.topology.AccessControl;
import io.squall.topology.AuthorizationException;
import io.squall.topology.KeyAlreadyExistsException;
import io.squall.topology.KeyNotFoundException;
import io.squall.topology.ReadableBlobMeta;
import io.squall.topology.SettableBlobMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs on local disk, as Nimbus (and a {@code LocalCluster}) keeps them: per key a directory holding
 * {@code meta.json} (ACL, replication factor, version) and {@code data-VERSION}. An update writes the new version's
 * file, then the meta that names it, each to a temporary name moved into place, so a reader sees one whole version
 * or the next (a reader that opened the old file keeps reading it). Nimbus daemons that share
 * {@code storm.local.dir} share the blobs, as they share the topologies' code.
 *
 * <pre>
 *   dir/KEY/meta.json   {"acl": ["u:alice:rwa", "o::r--"], "replication": 1, "version": 3}
 *   dir/KEY/data-3
 * </pre>
 *
 * <p>Every call names the user making it (null when the cluster does not authenticate); the {@code authorizer}
 * decides whether ACLs apply ({@link BlobStoreAclHandler}): with authentication off everyone may do everything. The
 * cluster's daemons may read every blob (supervisors localize them). Calls are serialized on this object.
 */
public final class LocalFsBlobStore {
    /** What a key may be: letters, digits and {@code _ . - :}, not {@code .} or {@code ..}, at most 200 long. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String META = "meta.json";

    private final Path dir;
    private final Authorizer authorizer;

    /** One version of a blob: its content and version. */
    public record Blob(byte[] content, long version) { }

    /**
     * A store in {@code dir} whose ACLs the {@code authorizer} enforces or not. The directory is made with the first
     * blob, so a store never used (a {@code LocalCluster}'s, most of the time) leaves nothing on disk.
     */
    public LocalFsBlobStore(Path dir, Authorizer authorizer) {
        this.dir = dir;
        this.authorizer = authorizer;
    }

    /** The directory the blobs are kept in. */
    public Path dir() {
        return dir;
    }

    /**
     * Checks a blob key.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static void validateKey(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
            throw new IllegalArgumentException("Blob key '" + key + "' is not valid: use 1 to 200 letters, digits, "
                    + "'_', '.', '-' or ':' (not '.' or '..')");
        }
    }

    /**
     * Creates a blob at version 1. With ACLs enforced, its creator gets full access in the ACL.
     *
     * @throws KeyAlreadyExistsException if the key has a blob
     */
    public synchronized long create(String user, String key, SettableBlobMeta meta, byte[] content)
            throws IOException {
        validateKey(key);
        if (read(key) != null) {
            throw new KeyAlreadyExistsException("Blob '" + key + "' exists already: update it (bin/squall blobstore "
                    + "update) or delete it first");
        }
        SettableBlobMeta fixed = new SettableBlobMeta(enforcing() && user != null
                ? BlobStoreAclHandler.withCreator(user, meta.get_acl()) : meta.get_acl());
        if (meta.is_set_replication_factor()) {
            fixed.set_replication_factor(meta.get_replication_factor());
        }
        Path blob = dir.resolve(key);
        Files.createDirectories(blob);
        writeAtomically(blob.resolve("data-1"), content);
        writeMeta(key, fixed, 1);
        return 1;
    }

    /**
     * Replaces a blob's content; returns its new version.
     *
     * @throws KeyNotFoundException if the key has no blob
     * @throws AuthorizationException if {@code user} may not write it
     */
    public synchronized long update(String user, String key, byte[] content) throws IOException {
        Stored s = require(user, key, BlobStoreAclHandler.WRITE, "update");
        long version = s.version + 1;
        writeAtomically(dir.resolve(key).resolve("data-" + version), content);
        writeMeta(key, s.meta, version);
        Files.deleteIfExists(dir.resolve(key).resolve("data-" + s.version));
        return version;
    }

    /** A blob's meta. */
    public synchronized ReadableBlobMeta meta(String user, String key) throws IOException {
        Stored s = require(user, key, BlobStoreAclHandler.READ, "read");
        return new ReadableBlobMeta(s.meta, s.version);
    }

    /** Replaces a blob's ACL and replication factor (admin access). */
    public synchronized void setMeta(String user, String key, SettableBlobMeta meta) throws IOException {
        Stored s = require(user, key, BlobStoreAclHandler.ADMIN, "change the meta of");
        writeMeta(key, meta, s.version);
    }

    /** A blob's current content and version. */
    public synchronized Blob get(String user, String key) throws IOException {
        Stored s = require(user, key, BlobStoreAclHandler.READ, "read");
        return new Blob(Files.readAllBytes(dir.resolve(key).resolve("data-" + s.version)), s.version);
    }

    /** Deletes a blob (write access). */
    public synchronized void delete(String user, String key) throws IOException {
        require(user, key, BlobStoreAclHandler.WRITE, "delete");
        Path blob = dir.resolve(key);
        Files.delete(blob.resolve(META)); // from now on the key has no blob
        try (Stream<Path> files = Files.walk(blob)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Whether {@code key} has a blob. */
    public synchronized boolean exists(String key) {
        try {
            validateKey(key);
            return read(key) != null;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** Every key, sorted. */
    public synchronized List<String> keys() throws IOException {
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (Stream<Path> blobs = Files.list(dir)) {
            for (Path p : (Iterable<Path>) blobs::iterator) {
                if (Files.isRegularFile(p.resolve(META))) {
                    keys.add(p.getFileName().toString());
                }
            }
        }
        keys.sort(null);
        return keys;
    }

    private boolean enforcing() {
        return authorizer.enforces();
    }

    private record Stored(SettableBlobMeta meta, long version) { }

    private Stored require(String user, String key, int right, String what) throws IOException {
        validateKey(key);
        Stored s = read(key);
        if (s == null) {
            throw new KeyNotFoundException("No blob with key '" + key + "' (bin/squall blobstore list shows the keys)");
        }
        if (!enforcing() || (user != null && authorizer.isAdmin(user)) || (right == BlobStoreAclHandler.READ && TokenStore.DAEMON_USER.equals(user))) {
            return s;
        }
        if (user == null || (BlobStoreAclHandler.rightsOf(user, s.meta.get_acl()) & right) != right) {
            throw new AuthorizationException("User '" + user + "' may not " + what + " blob '" + key + "' (its ACL: "
                    + s.meta.get_acl() + "); a user with admin access to it can grant it (bin/squall blobstore "
                    + "set-acl)");
        }
        return s;
    }

    private Stored read(String key) throws IOException {
        Map<String, Object> m;
        try {
            m = JSON.readValue(dir.resolve(key).resolve(META).toFile(), new TypeReference<>() { });
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return null;
        }
        List<AccessControl> acl = new ArrayList<>();
        for (Object entry : (List<?>) m.getOrDefault("acl", List.of())) {
            acl.add(BlobStoreAclHandler.parseAccessControl(String.valueOf(entry)));
        }
        SettableBlobMeta meta = new SettableBlobMeta(acl);
        if (m.get("replication") instanceof Number n) {
            meta.set_replication_factor(n.intValue());
        }
        return new Stored(meta, ((Number) m.get("version")).longValue());
    }

    private void writeMeta(String key, SettableBlobMeta meta, long version) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("acl", meta.get_acl().stream().map(BlobStoreAclHandler::accessControlToString).toList());
        if (meta.is_set_replication_factor()) {
            m.put("replication", meta.get_replication_factor());
        }
        m.put("version", version);
        writeAtomically(dir.resolve(key).resolve(META), JSON.writeValueAsBytes(m));
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
