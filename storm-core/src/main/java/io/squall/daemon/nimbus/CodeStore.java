package io.squall.daemon.nimbus;

import io.squall.errors.SquallException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Nimbus's code on disk: uploaded JARs waiting for their submission, and per topology its JAR, serialized
 * topology and configuration. Files are written to a temporary name and moved into place, so a reader
 * never sees half a file. Uploads that no submission claims are deleted after a timeout
 * ({@link #deleteUploadsOlderThan}). Thread-safe (each file is written once).
 *
 * <pre>
 *   dir/uploads/&lt;uploadId&gt;.jar
 *   dir/topologies/&lt;topologyId&gt;/{topology.jar, topology.ser, conf.json}
 * </pre>
 */
public final class CodeStore {
    /** The files of a topology. */
    public enum Part {
        JAR("topology.jar"), TOPOLOGY("topology.ser"), CONF("conf.json");

        final String file;

        Part(String file) {
            this.file = file;
        }

        /** The part named {@code name} (jar, topology, conf), or null. */
        public static Part named(String name) {
            for (Part p : values()) {
                if (p.name().equalsIgnoreCase(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    private final Path dir;

    /** A store in {@code dir}, created if missing. */
    public CodeStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("uploads"));
            Files.createDirectories(dir.resolve("topologies"));
        } catch (IOException e) {
            throw new SquallException("Cannot create Nimbus's code store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Stores an uploaded JAR; returns its upload id. */
    public String upload(byte[] jar) throws IOException {
        String id = UUID.randomUUID().toString();
        writeAtomically(dir.resolve("uploads").resolve(id + ".jar"), jar);
        return id;
    }

    /** The file of an upload, or null if there is none of that id. */
    public Path uploaded(String uploadId) {
        if (uploadId == null || !uploadId.matches("[0-9a-f-]{36}")) {
            return null;
        }
        Path p = dir.resolve("uploads").resolve(uploadId + ".jar");
        return Files.isRegularFile(p) ? p : null;
    }

    /**
     * Deletes the uploads (and half-written files) last written before {@code cutoffMs}: JARs uploaded for a
     * submission that never came, or that failed before it moved its JAR.
     *
     * @return the bytes deleted
     */
    public long deleteUploadsOlderThan(long cutoffMs) throws IOException {
        long bytes = 0;
        try (Stream<Path> files = Files.list(dir.resolve("uploads"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                long size;
                try {
                    if (!Files.isRegularFile(p) || Files.getLastModifiedTime(p).toMillis() >= cutoffMs) {
                        continue;
                    }
                    size = Files.size(p);
                    Files.delete(p);
                } catch (NoSuchFileException e) {
                    continue; // A submission moved it meanwhile.
                }
                bytes += size;
            }
        }
        return bytes;
    }

    /** Stores a topology's code, moving its uploaded JAR into place. */
    public void store(String topologyId, Path uploadedJar, byte[] topology, byte[] conf) throws IOException {
        Path t = dir.resolve("topologies").resolve(topologyId);
        Files.createDirectories(t);
        writeAtomically(t.resolve(Part.TOPOLOGY.file), topology);
        writeAtomically(t.resolve(Part.CONF.file), conf);
        Files.move(uploadedJar, t.resolve(Part.JAR.file), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** A file of a topology, or null if missing. */
    public Path file(String topologyId, Part part) {
        if (topologyId.contains("/") || topologyId.contains("..")) {
            return null;
        }
        Path p = dir.resolve("topologies").resolve(topologyId).resolve(part.file);
        return Files.isRegularFile(p) ? p : null;
    }

    /** Deletes a topology's code. */
    public void delete(String topologyId) throws IOException {
        Path t = dir.resolve("topologies").resolve(topologyId);
        if (!Files.exists(t)) {
            return;
        }
        try (Stream<Path> files = Files.walk(t)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
