package io.squall.blobstore;

import io.squall.security.Authorizer;
import io.squall.security.TokenStore;
import io.squall.topology.AuthorizationException;
import io.squall.topology.KeyAlreadyExistsException;
import io.squall.topology.KeyNotFoundException;
import io.squall.topology.SettableBlobMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFsBlobStoreTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SettableBlobMeta acl(String acl) {
        return new SettableBlobMeta(BlobStoreAclHandler.parseAccessControls(acl));
    }

    @Test
    void createsUpdatesReadsListsAndDeletesBlobsWithGrowingVersions() throws Exception {
        LocalFsBlobStore store = new LocalFsBlobStore(dir, Authorizer.OPEN);
        assertEquals(1, store.create(null, "b.txt", acl("o::rwa"), bytes("one")));
        store.create(null, "a:data.tgz", acl(""), bytes("archive"));
        assertEquals(List.of("a:data.tgz", "b.txt"), store.keys());
        assertEquals(2, store.update(null, "b.txt", bytes("two")));
        LocalFsBlobStore.Blob b = store.get(null, "b.txt");
        assertArrayEquals(bytes("two"), b.content());
        assertEquals(2, b.version());
        assertEquals(2, store.meta(null, "b.txt").get_version());
        assertEquals("[o::rwa]", store.meta(null, "b.txt").get_settable().get_acl().toString());
        store.delete(null, "b.txt");
        assertFalse(store.exists("b.txt"));
        assertEquals(List.of("a:data.tgz"), store.keys());
        assertEquals(1, store.create(null, "b.txt", acl(""), bytes("again")), "a deleted key starts over");
    }

    @Test
    void survivesARestartOnTheSameDirectory() throws Exception {
        new LocalFsBlobStore(dir, Authorizer.OPEN).create(null, "k", acl("u:bob:r--"), bytes("kept"));
        LocalFsBlobStore reopened = new LocalFsBlobStore(dir, Authorizer.OPEN);
        assertArrayEquals(bytes("kept"), reopened.get(null, "k").content());
        assertEquals("[u:bob:r--]", reopened.meta(null, "k").get_settable().get_acl().toString());
    }

    @Test
    void refusesAMissingKeyAnExistingKeyAndAnInvalidKeyNamingThem() throws Exception {
        LocalFsBlobStore store = new LocalFsBlobStore(dir, Authorizer.OPEN);
        store.create(null, "k", acl(""), bytes("x"));
        KeyAlreadyExistsException exists = assertThrows(KeyAlreadyExistsException.class,
                () -> store.create(null, "k", acl(""), bytes("y")));
        assertTrue(exists.getMessage().contains("Blob 'k' exists already"), exists.getMessage());
        KeyNotFoundException missing = assertThrows(KeyNotFoundException.class, () -> store.get(null, "nope"));
        assertTrue(missing.getMessage().contains("No blob with key 'nope'"), missing.getMessage());
        assertThrows(KeyNotFoundException.class, () -> store.update(null, "nope", bytes("x")));
        assertThrows(KeyNotFoundException.class, () -> store.delete(null, "nope"));
        for (String bad : new String[] {"a/b", "..", ".", "", "white space"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.create(null, bad, acl(""), bytes("x")));
            assertTrue(e.getMessage().contains("Blob key '" + bad + "' is not valid"), e.getMessage());
        }
    }

    @Test
    void enforcesAclsWhenUsersAreAuthenticated() throws Exception {
        LocalFsBlobStore store = new LocalFsBlobStore(dir, Authorizer.withAdmins(List.of("ops")));
        store.create("alice", "k", acl("u:bob:r--"), bytes("secret"));
        assertEquals("[u:bob:r--, u:alice:rwa]", store.meta("alice", "k").get_settable().get_acl().toString(),
                "the creator keeps full access");
        assertArrayEquals(bytes("secret"), store.get("bob", "k").content());
        AuthorizationException write = assertThrows(AuthorizationException.class,
                () -> store.update("bob", "k", bytes("mine")));
        assertTrue(write.getMessage().contains("User 'bob' may not update blob 'k'"), write.getMessage());
        assertThrows(AuthorizationException.class, () -> store.get("carol", "k"));
        assertThrows(AuthorizationException.class, () -> store.get(null, "k"));
        assertThrows(AuthorizationException.class, () -> store.setMeta("bob", "k", acl("o::rwa")));
        assertArrayEquals(bytes("secret"), store.get(TokenStore.DAEMON_USER, "k").content(),
                "supervisors read every blob");
        assertThrows(AuthorizationException.class, () -> store.delete(TokenStore.DAEMON_USER, "k"));
        store.setMeta("alice", "k", acl("u:alice:rwa,o::r--"));
        assertArrayEquals(bytes("secret"), store.get("carol", "k").content());
        assertEquals(2, store.update("ops", "k", bytes("admin")), "an admin may do everything");
        store.delete("alice", "k");
        assertFalse(store.exists("k"));
    }
}
