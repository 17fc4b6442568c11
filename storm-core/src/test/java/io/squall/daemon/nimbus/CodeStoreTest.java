package io.squall.daemon.nimbus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    @TempDir
    Path dir;
}
