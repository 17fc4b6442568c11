package io.squall.state.rocksdb;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.util.Environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RocksDbLibraryTest {
    private static final String LIBRARY = Environment.getJniLibraryFileName("rocksdbjni");

    @TempDir
    Path tmp;

    @Test
    void extractsTheLibraryOnceAndKeepsAVerifiedCopy() throws IOException {
        Path dir = RocksDbLibrary.extract(tmp.resolve("native"));
        Path library = dir.resolve(LIBRARY);
        assertTrue(Files.size(library) > 1_000_000, "the whole library is there");
        assertTrue(dir.getFileName().toString().startsWith("rocksdbjni-"), dir.toString());
        assertEquals(Long.parseLong(dir.getFileName().toString().split("-")[1], 16), crc(library),
                "the directory is named by the library's CRC-32");
        Object file = Files.readAttributes(library, "unix:ino").get("ino");

        assertEquals(dir, RocksDbLibrary.extract(tmp.resolve("native")));
        assertEquals(file, Files.readAttributes(library, "unix:ino").get("ino"), "a good copy is not written again");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(".lock", LIBRARY), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void replacesATruncatedCopyAndDeletesWhatAKilledExtractionLeft() throws IOException {
        Path dir = RocksDbLibrary.extract(tmp.resolve("native"));
        Path library = dir.resolve(LIBRARY);
        long size = Files.size(library);
        long crc = crc(library);
        try (FileChannel c = FileChannel.open(library, StandardOpenOption.WRITE)) {
            c.truncate(size / 2);
        }
        Path left = dir.resolve("." + LIBRARY + ".4711.tmp");
        Files.write(left, new byte[1024]);

        assertEquals(dir, RocksDbLibrary.extract(tmp.resolve("native")));
        assertEquals(size, Files.size(library));
        assertEquals(crc, crc(library));
        assertFalse(Files.exists(left), "the temporary file of an extraction that did not finish is gone");
    }

    @Test
    void replacesACopyWithTheRightSizeButOtherBytes() throws IOException {
        Path library = RocksDbLibrary.extract(tmp.resolve("native")).resolve(LIBRARY);
        long crc = crc(library);
        try (FileChannel c = FileChannel.open(library, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 4096);
        }
        assertNotEquals(crc, crc(library));
        RocksDbLibrary.extract(tmp.resolve("native"));
        assertEquals(crc, crc(library));
    }

    @Test
    void makesItsDirectoriesPrivateAndRefusesOnesOtherUsersMayWrite() throws IOException {
        Path dir = RocksDbLibrary.extract(tmp.resolve("made"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("made"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));

        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> RocksDbLibrary.extract(shared));
        assertTrue(e.getMessage().contains("other users"), e.getMessage());
        try (Stream<Path> files = Files.list(shared)) {
            assertEquals(0, files.count(), "nothing is written there");
        }
    }

    @Test
    void checksTheOwnerByUserIdNotByTheNameTheProcessIsGiven() throws IOException {
        String name = System.getProperty("user.name");
        try {
            // A container's arbitrary user id has no name: the JVM's user.name is then "?".
            System.setProperty("user.name", "?");
            assertTrue(Files.isDirectory(RocksDbLibrary.extract(tmp.resolve("nameless"))), "its own directory is used");
        } finally {
            System.setProperty("user.name", name);
        }
        assumeTrue(new UnixSystem().getUid() == 0, "only root can give a directory to another user");
        Path others = Files.createDirectory(tmp.resolve("others"));
        Files.setAttribute(others, "unix:uid", 12345);
        IOException e = assertThrows(IOException.class, () -> RocksDbLibrary.extract(others));
        assertTrue(e.getMessage().contains("belongs to user id 12345"), e.getMessage());
    }

    @Test
    void takesTheDirectoryFromThePropertyThenTheConfigurationThenTheLocalDir() {
        Map<String, Object> conf = Map.of("squall.native.dir", "/opt/native", "storm.local.dir", "/var/squall");
        assertEquals(Path.of("/srv/native"), RocksDbLibrary.nativeDir(conf, "/srv/native"));
        assertEquals(Path.of("/opt/native"), RocksDbLibrary.nativeDir(conf, null));
        assertEquals(Path.of("/var/squall/native"), RocksDbLibrary.nativeDir(Map.of("storm.local.dir", "/var/squall"),
                " "));
        assertEquals(Path.of("squall-local", "native"), RocksDbLibrary.nativeDir(Map.of(), null));
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return crc.getValue();
    }
}
