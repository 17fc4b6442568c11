package io.squall.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A path for a test to write to, deleted with whatever is under it when closed: {@code try (TmpPath dir = new
 * TmpPath()) { ... }}. Nothing is created until the test creates it.
 */
public class TmpPath implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TmpPath.class);

    private final File path;

    /** A new path under {@code java.io.tmpdir}. */
    public TmpPath() {
        this(localTempPath());
    }

    /** {@code path}, to be deleted when closed. */
    public TmpPath(String path) {
        this.path = new File(path);
    }

    /** A path under {@code java.io.tmpdir} that no other call returns. */
    public static String localTempPath() {
        return new File(System.getProperty("java.io.tmpdir"), UUID.randomUUID().toString()).getPath();
    }

    public String getPath() {
        return path.getAbsolutePath();
    }

    public File getFile() {
        return path;
    }

    /** Deletes the path and everything under it; a file that cannot be deleted is logged, not thrown. */
    @Override
    public void close() {
        Path root = path.toPath();
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.info("Could not delete all of {}: {}", root, e.getMessage());
        }
    }
}
