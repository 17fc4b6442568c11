package io.squall.blobstore;

import io.squall.topology.InvalidTopologyException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

/**
 * Puts the blobs a topology names in {@code topology.blobstore.map} into its workers' working directory, as Storm's
 * localizer does: each blob's current version is downloaded (and, with {@code "uncompress": true}, a {@code .zip},
 * {@code .jar}, {@code .tar}, {@code .tgz} or {@code .tar.gz} blob is extracted into a directory), kept in a cache
 * directory under its key and version, and reached from the working directory by a symbolic link named after the
 * mapping's {@code localname} (the key by default). {@link #updateChanged()} fetches the blobs whose version changed
 * and swaps each link to the new copy in one rename, so a reader opens the old version or the new one, never half of
 * one. Used by the supervisor (one per topology, on its sync thread) and by {@code LocalCluster}. Not thread-safe.
 */
public final class BlobLocalizer {
    private static final Logger LOG = LoggerFactory.getLogger(BlobLocalizer.class);
    /** The topology configuration key naming the blobs a topology's workers need. */
    public static final String BLOBSTORE_MAP = "topology.blobstore.map";

    /** One entry of {@code topology.blobstore.map}. */
    public record Mapping(String key, String localName, boolean uncompress, boolean workerRestart) { }

    private final ClientBlobStore store;
    private final Path workDir;
    private final Path cacheDir;
    private final List<Mapping> mappings;
    /** The version and cached copy each key's link points to now. */
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Path> copies = new HashMap<>();
    /** Files that stood where a link now is (a local run's working directory), put back by {@link #remove()}. */
    private final Map<Path, Path> setAside = new LinkedHashMap<>();

    /** A localizer of {@code mappings} from {@code store}: links in {@code workDir}, copies in {@code cacheDir}. */
    public BlobLocalizer(ClientBlobStore store, Path workDir, Path cacheDir, List<Mapping> mappings) {
        this.store = store;
        this.workDir = workDir.toAbsolutePath();
        this.cacheDir = cacheDir.toAbsolutePath();
        this.mappings = List.copyOf(mappings);
    }

    /**
     * The entries of a topology configuration's {@code topology.blobstore.map}: {@code {"KEY": {"localname": NAME,
     * "uncompress": BOOL, "workerRestart": BOOL}}}, each field optional. None without the key.
     *
     * @throws InvalidTopologyException naming what is wrong with the map
     */
    public static List<Mapping> mappings(Map<String, Object> topoConf) {
        Object map = topoConf.get(BLOBSTORE_MAP);
        if (map == null) {
            return List.of();
        }
        if (!(map instanceof Map<?, ?> m)) {
            throw new InvalidTopologyException(BLOBSTORE_MAP + " must be a map of blob key to {\"localname\": NAME, "
                    + "\"uncompress\": true|false}, got " + map);
        }
        List<Mapping> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            try {
                LocalFsBlobStore.validateKey(key);
            } catch (IllegalArgumentException x) {
                throw new InvalidTopologyException(BLOBSTORE_MAP + ": " + x.getMessage());
            }
            Map<?, ?> opts = e.getValue() == null ? Map.of() : e.getValue() instanceof Map<?, ?> o ? o : null;
            if (opts == null) {
                throw new InvalidTopologyException(BLOBSTORE_MAP + " entry '" + key + "' must be a map such as "
                        + "{\"localname\": \"file.txt\", \"uncompress\": false}, got " + e.getValue());
            }
            for (Object option : opts.keySet()) {
                if (!List.of("localname", "uncompress", "workerRestart").contains(String.valueOf(option))) {
                    throw new InvalidTopologyException(BLOBSTORE_MAP + " entry '" + key + "' has the option '" + option
                            + "'; the options are localname, uncompress and workerRestart");
                }
            }
            String localName = opts.get("localname") == null ? key : String.valueOf(opts.get("localname"));
            if (localName.isEmpty() || localName.contains("/") || localName.contains("\\") || localName.equals(".")
                    || localName.equals("..")) {
                throw new InvalidTopologyException(BLOBSTORE_MAP + " entry '" + key + "' has the localname '"
                        + localName + "': give a file name, without '/'");
            }
            out.add(new Mapping(key, localName, bool(opts, "uncompress", key), bool(opts, "workerRestart", key)));
        }
        return out;
    }

    private static boolean bool(Map<?, ?> opts, String name, String key) {
        Object v = opts.get(name);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new InvalidTopologyException(BLOBSTORE_MAP + " entry '" + key + "': '" + name + "' must be true or "
                + "false, got " + v);
    }

    /** The mappings this localizer serves. */
    public List<Mapping> mappings() {
        return mappings;
    }

    /** Downloads every mapped blob and links it into the working directory. */
    public void localizeAll() throws IOException {
        Files.createDirectories(workDir);
        Files.createDirectories(cacheDir);
        for (Mapping m : mappings) {
            localize(m, store.getBlob(m.key()));
        }
    }

    /**
     * Fetches the blobs whose version changed since they were localized and links the new copies in.
     *
     * @return the mappings whose blob changed
     */
    public List<Mapping> updateChanged() throws IOException {
        List<Mapping> changed = new ArrayList<>();
        for (Mapping m : mappings) {
            long version = store.getBlobMeta(m.key()).get_version();
            if (!versions.containsKey(m.key()) || versions.get(m.key()) != version) {
                localize(m, store.getBlob(m.key()));
                changed.add(m);
            }
        }
        return changed;
    }

    /** The version of a key's blob linked now, or -1 before it is. */
    public long version(String key) {
        return versions.getOrDefault(key, -1L);
    }

    private void localize(Mapping m, InputStreamWithMeta blob) throws IOException {
        long version = blob.getVersion();
        byte[] content;
        try (blob) {
            content = blob.readAllBytes();
        }
        Path copy = cacheDir.resolve(m.key() + "." + version + (m.uncompress() ? ".d" : ""));
        Path tmp = cacheDir.resolve("." + m.key() + ".tmp-" + UUID.randomUUID());
        if (m.uncompress()) {
            extract(m.key(), content, tmp);
        } else {
            Files.write(tmp, content);
        }
        deleteRecursively(copy);
        Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
        link(workDir.resolve(m.localName()), copy);
        Path old = copies.put(m.key(), copy);
        versions.put(m.key(), version);
        if (old != null && !old.equals(copy)) {
            deleteRecursively(old);
        }
        LOG.info("Blob {} version {} is {} in {}", m.key(), version, m.localName(), workDir);
    }

    /** Points {@code link} at {@code target} in one rename; a file that was there (not a link) is set aside. */
    private void link(Path link, Path target) throws IOException {
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            Path aside = link.resolveSibling(link.getFileName() + ".before-blob");
            Files.move(link, aside, StandardCopyOption.REPLACE_EXISTING);
            setAside.put(link, aside);
            LOG.warn("{} is the local name of a blob: the file that was there is kept as {} until the topology ends",
                    link, aside.getFileName());
        }
        Path tmp = link.resolveSibling("." + link.getFileName() + ".link-" + UUID.randomUUID());
        Files.createSymbolicLink(tmp, target);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the links and cached copies, and puts back what the links replaced. */
    public void remove() throws IOException {
        for (Mapping m : mappings) {
            Path link = workDir.resolve(m.localName());
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
        }
        for (Map.Entry<Path, Path> e : setAside.entrySet()) {
            if (Files.exists(e.getValue(), LinkOption.NOFOLLOW_LINKS)) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        setAside.clear();
        deleteRecursively(cacheDir);
        versions.clear();
        copies.clear();
    }

    /** Extracts an archive blob into {@code dir}, by the key's extension. */
    private static void extract(String key, byte[] content, Path dir) throws IOException {
        String k = key.toLowerCase();
        Files.createDirectories(dir);
        if (k.endsWith(".zip") || k.endsWith(".jar")) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    write(dir, e.getName(), e.isDirectory(), zip, key);
                }
            }
        } else if (k.endsWith(".tar") || k.endsWith(".tgz") || k.endsWith(".tar.gz")) {
            InputStream in = new ByteArrayInputStream(content);
            if (!k.endsWith(".tar")) {
                in = new GZIPInputStream(in);
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    if (e.isDirectory() || e.isFile()) {
                        write(dir, e.getName(), e.isDirectory(), tar, key);
                    }
                }
            }
        } else {
            throw new IOException("Blob '" + key + "' is mapped with \"uncompress\": true, but its key does not end in "
                    + ".zip, .jar, .tar, .tgz or .tar.gz, which tells how to uncompress it");
        }
    }

    private static void write(Path dir, String name, boolean isDir, InputStream in, String key) throws IOException {
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir)) {
            throw new IOException("Blob '" + key + "' holds the entry '" + name + "', outside its directory: refused");
        }
        if (isDir) {
            Files.createDirectories(p);
        } else {
            Files.createDirectories(p.getParent());
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}
