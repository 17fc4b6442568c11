package io.squall.daemon.nimbus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CodeStoreTest {
    private static final byte[] JAR = {'P', 'K', 3, 4, 0, 0, 0, 0};

    @Test
    void uploadsNeverSubmittedAreDeletedOnceOlderThanTheCutoffAndFreshOnesStay() throws Exception {
        CodeStore store = new CodeStore(dir);
        String stale = store.upload(JAR);
        String fresh = store.upload(JAR);
        Files.setLastModifiedTime(store.uploaded(stale), FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(store.uploaded(fresh), FileTime.fromMillis(5_000));

        assertEquals(JAR.length, store.deleteUploadsOlderThan(2_000));
        assertNull(store.uploaded(stale));
        assertNotNull(store.uploaded(fresh));
    }

    @Test
    void aRestartedStoreStillFindsAndDeletesTheStaleUploadsOfTheLastRun() throws Exception {
        String stale = new CodeStore(dir).upload(JAR);
        CodeStore restarted = new CodeStore(dir);
        Files.setLastModifiedTime(restarted.uploaded(stale), FileTime.fromMillis(1_000));
        Files.writeString(dir.resolve("uploads").resolve("x.jar.tmp-half"), "half written");
        Files.setLastModifiedTime(dir.resolve("uploads").resolve("x.jar.tmp-half"), FileTime.fromMillis(1_000));

        assertEquals(JAR.length + "half written".length(), restarted.deleteUploadsOlderThan(2_000));
        try (var left = Files.list(dir.resolve("uploads"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aSubmittedUploadIsNotAnUploadAnyMore() throws Exception {
        CodeStore store = new CodeStore(dir);
        String id = store.upload(JAR);
        store.store("t-1", store.uploaded(id), new byte[] {1}, new byte[] {2});
        assertEquals(0, store.deleteUploadsOlderThan(Long.MAX_VALUE));
        assertNotNull(store.file("t-1", CodeStore.Part.JAR));
    }

    @Test
    void anUploadInChunksIsAnUploadOnlyOnceFinished() throws Exception {
        CodeStore store = new CodeStore(dir);
        String id = store.beginUpload();
        assertEquals(4, store.appendUpload(id, new byte[] {'P', 'K', 3, 4}));
        assertEquals(JAR.length, store.appendUpload(id, new byte[] {0, 0, 0, 0}));
        assertNull(store.uploaded(id), "not finished");
        assertNotNull(store.part(id));
        store.finishUpload(id);
        assertArrayEquals(JAR, Files.readAllBytes(store.uploaded(id)));
        assertNull(store.part(id));
        assertEquals(-1, store.appendUpload(id, new byte[] {1}), "a finished upload takes no chunk");
        assertEquals(-1, store.appendUpload("../../etc/passwd", new byte[] {1}), "nor a path");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> store.finishUpload(id));
    }

    @Test
    void anUnfinishedUploadLeftAloneIsDeletedWithTheStaleOnes() throws Exception {
        CodeStore store = new CodeStore(dir);
        String id = store.beginUpload();
        store.appendUpload(id, JAR);
        Files.setLastModifiedTime(store.part(id), FileTime.fromMillis(1_000));
        assertEquals(JAR.length, store.deleteUploadsOlderThan(2_000));
        assertNull(store.part(id));
    }

    @TempDir
    Path dir;
}
