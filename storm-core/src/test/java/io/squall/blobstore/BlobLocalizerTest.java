package io.squall.blobstore;

import io.squall.security.Authorizer;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.SettableBlobMeta;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobLocalizerTest {
    @TempDir
    Path tmp;
    private LocalFsBlobStore store;
    private ClientBlobStore client;
    private Path work;
    private Path cache;

    @BeforeEach
    void makeStore() throws Exception {
        store = new LocalFsBlobStore(tmp.resolve("store"), Authorizer.OPEN);
        client = new LocalModeClientBlobStore(store);
        work = Files.createDirectories(tmp.resolve("work"));
        cache = tmp.resolve("cache");
    }

    private void put(String key, byte[] content) throws Exception {
        try (AtomicOutputStream out = client.isRemoteBlobExists(key) ? client.updateBlob(key)
                : client.createBlob(key, new SettableBlobMeta())) {
            out.write(content);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<BlobLocalizer.Mapping> map(Object blobstoreMap) {
        return BlobLocalizer.mappings(Map.of(BlobLocalizer.BLOBSTORE_MAP, blobstoreMap));
    }

    @Test
    void linksEachBlobUnderItsLocalNameAndSwapsInNewVersions() throws Exception {
        put("words", bytes("v1"));
        put("other.key", bytes("o1"));
        BlobLocalizer l = new BlobLocalizer(client, work, cache, map(Map.of("words", Map.of("localname", "list.txt"),
                "other.key", Map.of())));
        l.localizeAll();
        assertEquals("v1", Files.readString(work.resolve("list.txt")));
        assertEquals("o1", Files.readString(work.resolve("other.key")), "the local name defaults to the key");
        assertTrue(Files.isSymbolicLink(work.resolve("list.txt")));
        assertEquals(List.of(), l.updateChanged(), "nothing changed");
        put("words", bytes("v2"));
        List<BlobLocalizer.Mapping> changed = l.updateChanged();
        assertEquals(List.of("words"), changed.stream().map(BlobLocalizer.Mapping::key).toList());
        assertEquals("v2", Files.readString(work.resolve("list.txt")));
        assertEquals(2, l.version("words"));
        assertFalse(Files.exists(cache.resolve("words.1")), "the old copy is gone");
        l.remove();
        assertFalse(Files.exists(work.resolve("list.txt"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(cache));
    }

    @Test
    void uncompressesZipAndTarGzBlobsIntoADirectory() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("dict/a.txt"));
            z.write(bytes("alpha"));
            z.closeEntry();
        }
        put("dict.zip", zip.toByteArray());
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(tgz))) {
            TarArchiveEntry e = new TarArchiveEntry("geo/b.txt");
            e.setSize(4);
            t.putArchiveEntry(e);
            t.write(bytes("beta"));
            t.closeArchiveEntry();
        }
        put("geo.tar.gz", tgz.toByteArray());
        BlobLocalizer l = new BlobLocalizer(client, work, cache, map(Map.of(
                "dict.zip", Map.of("localname", "dict", "uncompress", true),
                "geo.tar.gz", Map.of("localname", "geo", "uncompress", "true"))));
        l.localizeAll();
        assertEquals("alpha", Files.readString(work.resolve("dict/dict/a.txt")));
        assertEquals("beta", Files.readString(work.resolve("geo/geo/b.txt")));
    }

    @Test
    void refusesToUncompressABlobWhoseKeyNamesNoArchiveType() throws Exception {
        put("plain.txt", bytes("x"));
        BlobLocalizer l = new BlobLocalizer(client, work, cache, map(Map.of("plain.txt", Map.of("uncompress", true))));
        Exception e = assertThrows(java.io.IOException.class, l::localizeAll);
        assertTrue(e.getMessage().contains("does not end in .zip, .jar, .tar, .tgz or .tar.gz"), e.getMessage());
    }

    @Test
    void setsAsideAFileThatStoodAtTheLocalNameAndPutsItBack() throws Exception {
        put("k", bytes("blob"));
        Files.writeString(work.resolve("k.txt"), "mine");
        BlobLocalizer l = new BlobLocalizer(client, work, cache, map(Map.of("k", Map.of("localname", "k.txt"))));
        l.localizeAll();
        assertEquals("blob", Files.readString(work.resolve("k.txt")));
        l.remove();
        assertEquals("mine", Files.readString(work.resolve("k.txt")));
    }

    @Test
    void refusesABadBlobstoreMapNamingWhatIsWrong() {
        String[][] cases = {
            {"not a map", "must be a map of blob key"},
        };
        for (String[] c : cases) {
            InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> map(c[0]));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        assertTrue(assertThrows(InvalidTopologyException.class, () -> map(Map.of("k", Map.of("localname", "a/b"))))
                .getMessage().contains("has the localname 'a/b'"));
        assertTrue(assertThrows(InvalidTopologyException.class, () -> map(Map.of("k", Map.of("uncompres", true))))
                .getMessage().contains("has the option 'uncompres'"));
        assertTrue(assertThrows(InvalidTopologyException.class, () -> map(Map.of("k", Map.of("uncompress", "yes"))))
                .getMessage().contains("'uncompress' must be true or false"));
        assertTrue(assertThrows(InvalidTopologyException.class, () -> map(Map.of("bad/key", Map.of())))
                .getMessage().contains("Blob key 'bad/key' is not valid"));
        assertEquals(List.of(), BlobLocalizer.mappings(Map.of()));
    }
}
