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
 * ({@link #deleteUploadsOlderThan}). A JAR may also come in chunks (Storm's {@code beginFileUpload},
 * {@code uploadChunk}, {@code finishFileUpload}): it grows as {@code <uploadId>.part} and becomes the upload's JAR when
 * finished. Thread-safe (each file is written once; the chunks of one upload are appended under the store's lock).
 *
 * <pre>
 *   dir/uploads/&lt;uploadId&gt;.jar
 *   dir/uploads/&lt;uploadId&gt;.part
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

    /** Starts an upload in chunks; returns its upload id. */
    public String beginUpload() throws IOException {
        String id = UUID.randomUUID().toString();
        Files.createFile(dir.resolve("uploads").resolve(id + ".part"));
        return id;
    }

    /**
     * Appends {@code bytes} to the open upload {@code uploadId}; returns its size now, or -1 if no upload of that id
     * is open.
     */
    public synchronized long appendUpload(String uploadId, byte[] bytes) throws IOException {
        Path part = part(uploadId);
        if (part == null) {
            return -1;
        }
        Files.write(part, bytes, java.nio.file.StandardOpenOption.APPEND);
        return Files.size(part);
    }

    /** The file of an open upload, or null if there is none of that id. */
    public Path part(String uploadId) {
        return file(uploadId, ".part");
    }

    /** Closes the open upload {@code uploadId}: its JAR is {@link #uploaded} from now on. */
    public synchronized void finishUpload(String uploadId) throws IOException {
        Path part = part(uploadId);
        if (part == null) {
            throw new NoSuchFileException(uploadId);
        }
        Files.move(part, part.resolveSibling(uploadId + ".jar"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file of an upload, or null if there is none of that id. */
    public Path uploaded(String uploadId) {
        return file(uploadId, ".jar");
    }

    private Path file(String uploadId, String suffix) {
        if (uploadId == null || !uploadId.matches("[0-9a-f-]{36}")) {
            return null;
        }
        Path p = dir.resolve("uploads").resolve(uploadId + suffix);
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
