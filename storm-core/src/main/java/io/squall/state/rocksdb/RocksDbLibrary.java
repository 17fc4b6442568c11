package io.squall.state.rocksdb;

import com.sun.security.auth.module.UnixSystem;
import io.squall.config.ConfigKeys;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;

/**
 * Loads RocksDB's JNI library from a directory Squall owns instead of a fresh copy in {@code java.io.tmpdir}.
 *
 * <p>Why: {@link RocksDB#loadLibrary()} copies the 17 MB library out of the rocksdbjni JAR into
 * {@code java.io.tmpdir} on every start of a JVM and deletes it only at a normal exit, so every worker that is
 * killed (a supervisor's restart, an OOM kill, SIGKILL) leaves its copy behind. Here the library is extracted once
 * per RocksDB build into {@code <native dir>/rocksdbjni-<crc32>-<size>/} and every later JVM loads that copy.
 *
 * <p>The native directory is the system property {@code squall.native.dir} (a supervisor sets it on its workers'
 * command line from its own configuration), else {@code squall.native.dir} of the configuration, else
 * {@code storm.local.dir/native}. If that directory cannot be used (not writable, writable by other users, a
 * {@code noexec} mount), the library is loaded the default way and a warning says so.
 *
 * <p>Processes that start at once do not see each other's half-written file: an extraction holds an exclusive lock
 * on the directory's lock file, writes a temporary file, checks its CRC-32 and size against the JAR entry and
 * renames it into place. A copy already there is checked the same way before it is loaded; a corrupt one is
 * replaced, and temporary files a killed extraction left are deleted under the lock.
 *
 * <p>Thread-safe: the first call in a JVM loads the library under the class's lock, later calls return at once.
 */
public final class RocksDbLibrary {
    /** The system property (and configuration key) naming the directory of extracted native libraries. */
    public static final String NATIVE_DIR_PROPERTY = ConfigKeys.SQUALL_NATIVE_DIR.name();

    private static final Logger LOG = LoggerFactory.getLogger(RocksDbLibrary.class);
    /** The name {@link RocksDB#loadLibrary(List)} loads from each directory it is given. */
    private static final String LOADED_NAME = Environment.getJniLibraryFileName("rocksdbjni");
    private static final String LOCK_FILE = ".lock";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private static volatile boolean loaded;

    private RocksDbLibrary() {
    }

    /** Loads the library, its directory from {@code conf} unless the system property names one. */
    public static void load(Map<String, Object> conf) {
        if (!loaded) {
            loadOnce(nativeDir(conf, System.getProperty(NATIVE_DIR_PROPERTY)));
        }
    }

    /**
     * Loads the library, for code that has no configuration at hand: the directory is the system property's, else
     * the default {@code storm.local.dir/native}.
     */
    public static void load() {
        load(Map.of());
    }

    private static synchronized void loadOnce(Path dir) {
        if (loaded) {
            return;
        }
        Path libraryDir;
        try {
            libraryDir = extract(dir);
        } catch (IOException | RuntimeException e) {
            loadDefault(dir, "Cannot keep RocksDB's native library in " + dir.toAbsolutePath() + " (" + e.getMessage()
                    + ")");
            return;
        }
        try {
            RocksDB.loadLibrary(List.of(libraryDir.toString()));
            // A RocksDB class used before this call (new Options() in a user's code) has loaded the binding's own
            // copy already; then this call does nothing.
            LOG.info("Loaded RocksDB's native library from {}, unless this process had loaded it before", libraryDir);
            loaded = true;
        } catch (UnsatisfiedLinkError e) {
            loadDefault(libraryDir, "Cannot load RocksDB's native library from " + libraryDir + " (" + e.getMessage()
                    + "; a noexec mount?)");
        }
    }

    /**
     * Loads the library the binding's way, into {@code java.io.tmpdir}, after {@code why} kept it from
     * {@code tried}; if that fails too (both on a {@code noexec} mount), the error names both directories and the
     * settings that move them.
     */
    private static void loadDefault(Path tried, String why) {
        String tmp = System.getProperty("java.io.tmpdir");
        LOG.warn("{}; loading it the default way, which leaves a copy in java.io.tmpdir={} whenever this process is "
                + "killed. Set {} to another directory.", why, tmp, NATIVE_DIR_PROPERTY);
        try {
            RocksDB.loadLibrary();
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("RocksDB's native library loads neither from "
                    + tried + " nor from java.io.tmpdir=" + tmp + " (" + e.getMessage() + "). Set " + NATIVE_DIR_PROPERTY
                    + " and the workers' java.io.tmpdir (worker.childopts: -Djava.io.tmpdir=DIR) to directories on a "
                    + "file system that allows executing code (not mounted noexec).");
            error.initCause(e);
            throw error;
        }
        loaded = true;
    }

    /** The native directory for {@code conf} and the system property's value; see the class comment. */
    static Path nativeDir(Map<String, Object> conf, String property) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Object configured = conf.get(ConfigKeys.SQUALL_NATIVE_DIR.name());
        if (configured != null && !configured.toString().isBlank()) {
            return Path.of(configured.toString());
        }
        Object local = conf.getOrDefault(ConfigKeys.STORM_LOCAL_DIR.name(), ConfigKeys.STORM_LOCAL_DIR.defaultValue());
        return Path.of(String.valueOf(local), "native");
    }

    /**
     * Makes sure a verified copy of the library of the rocksdbjni JAR on the class path is in a directory of its
     * own under {@code nativeDir}, extracting it if need be.
     *
     * @return the directory to give {@link RocksDB#loadLibrary(List)}, absolute
     * @throws IOException if the directory cannot be made or written, or other users may write it
     */
    @SuppressWarnings("try") // The lock is held for the block's extent, not referenced.
    static Path extract(Path nativeDir) throws IOException {
        // Absolute: the binding loads only an absolute path, and the default storm.local.dir is relative.
        nativeDir = nativeDir.toAbsolutePath();
        Source source = Source.find();
        createPrivateDirectory(nativeDir);
        Path dir = nativeDir.resolve(String.format("rocksdbjni-%08x-%d", source.crc, source.size));
        createPrivateDirectory(dir);
        Path library = dir.resolve(LOADED_NAME);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            // Under the lock no other process is extracting, so any temporary file is a killed extraction's.
            deleteTemporaryFiles(dir);
            if (matches(library, source)) {
                return dir;
            }
            Path temp = Files.createTempFile(dir, "." + LOADED_NAME + ".", TEMP_SUFFIX);
            try {
                write(source, temp);
                Files.move(temp, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            LOG.info("Extracted RocksDB's native library ({} bytes) into {}", source.size, library);
            return dir;
        }
    }

    /** Copies the library into {@code temp} and checks what was written against the JAR entry. */
    private static void write(Source source, Path temp) throws IOException {
        CRC32 crc = new CRC32();
        long size;
        try (InputStream in = source.open();
             OutputStream out = new CheckedOutputStream(Files.newOutputStream(temp), crc)) {
            size = in.transferTo(out);
        }
        try (FileChannel written = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            written.force(true);
        }
        if (size != source.size || crc.getValue() != source.crc) {
            throw new IOException("The copy of " + source.url + " in " + temp + " has " + size + " bytes and CRC-32 "
                    + Long.toHexString(crc.getValue()) + ", not " + source.size + " and "
                    + Long.toHexString(source.crc));
        }
    }

    /** Whether {@code library} is a complete, uncorrupted copy: same size and CRC-32 as the JAR entry. */
    private static boolean matches(Path library, Source source) throws IOException {
        if (!Files.isRegularFile(library, LinkOption.NOFOLLOW_LINKS) || Files.size(library) != source.size) {
            return false;
        }
        // About 10 ms for 17 MB, once per JVM: cheap next to what it guards against (a crash in native code).
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(library), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (crc.getValue() != source.crc) {
            LOG.warn("{} is corrupt (CRC-32 {}, not {}); extracting it again", library,
                    Long.toHexString(crc.getValue()), Long.toHexString(source.crc));
            return false;
        }
        return true;
    }

    private static void deleteTemporaryFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "." + LOADED_NAME + ".*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
                LOG.info("Deleted {}, left by an extraction that did not finish", temp);
            }
        }
    }

    /**
     * Makes {@code dir} (its parents as usual) readable and writable by this user only, or checks that an existing
     * one is this user's and no other user may write it: a library loaded from a directory another user can write
     * would run their code. Only on file systems with POSIX permissions.
     */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (Files.getFileStore(parent).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException e) {
                // Another process made it meanwhile: checked below like any existing one.
            }
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes attributes = view.readAttributes();
        if (!attributes.isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
        // By number: a user id without a name (a container's arbitrary uid) has user.name "?", and -Duser.name
        // changes the name, not who owns what.
        long owner = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        long me = processUid();
        if (owner != me) {
            throw new IOException(dir + " belongs to user id " + owner + " (" + attributes.owner().getName()
                    + "), not to this process's user id " + me + "; give it to this user (chown) or choose another "
                    + "directory");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.OTHERS_WRITE)
                || permissions.contains(PosixFilePermission.GROUP_WRITE)) {
            throw new IOException(dir + " may be written by other users (" + PosixFilePermissions.toString(permissions)
                    + "); run chmod go-w " + dir);
        }
    }

    /** This process's user id, the owner of the files it makes. */
    private static long processUid() throws IOException {
        try {
            return new UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            throw new IOException("Cannot tell this process's user id (" + e + ")");
        }
    }

    /** The library's entry in the rocksdbjni JAR: where it is, its size and CRC-32. */
    private record Source(URL url, long size, long crc) {
        static Source find() throws IOException {
            URL url = resource(Environment.getJniLibraryFileName("rocksdb"));
            String fallback = Environment.getFallbackJniLibraryFileName("rocksdb");
            if (url == null && fallback != null) {
                url = resource(fallback);
            }
            if (url == null) {
                throw new IOException("No RocksDB native library for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + " on the class path");
            }
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                ZipEntry entry = jar.getJarEntry();
                if (entry != null && entry.getSize() >= 0 && entry.getCrc() >= 0) {
                    return new Source(url, entry.getSize(), entry.getCrc());
                }
            }
            // Not in a JAR (an unpacked class path): read it once to learn its size and CRC-32.
            CRC32 crc = new CRC32();
            long size;
            try (InputStream in = new CheckedInputStream(url.openStream(), crc)) {
                size = in.transferTo(OutputStream.nullOutputStream());
            }
            return new Source(url, size, crc.getValue());
        }

        InputStream open() throws IOException {
            return url.openStream();
        }

        private static URL resource(String name) {
            ClassLoader loader = RocksDB.class.getClassLoader();
            return loader == null ? ClassLoader.getSystemResource(name) : loader.getResource(name);
        }
    }
}
