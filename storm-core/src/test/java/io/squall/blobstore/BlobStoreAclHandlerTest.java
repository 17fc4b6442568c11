package io.squall.blobstore;

import io.squall.topology.AccessControl;
import io.squall.topology.AccessControlType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobStoreAclHandlerTest {
    @Test
    void parsesStormsAclTextAndWritesItBack() {
        AccessControl alice = BlobStoreAclHandler.parseAccessControl("u:alice:rwa");
        assertEquals(AccessControlType.USER, alice.get_type());
        assertEquals("alice", alice.get_name());
        assertEquals(BlobStoreAclHandler.READ | BlobStoreAclHandler.WRITE | BlobStoreAclHandler.ADMIN,
                alice.get_access());
        AccessControl other = BlobStoreAclHandler.parseAccessControl("o::r-_");
        assertEquals(AccessControlType.OTHER, other.get_type());
        assertEquals(BlobStoreAclHandler.READ, other.get_access());
        assertEquals("u:bob:-w-", BlobStoreAclHandler.parseAccessControl("u:bob:-w-").toString());
        assertEquals(List.of(alice, other), BlobStoreAclHandler.parseAccessControls("u:alice:rwa, o::r--"));
        assertEquals(List.of(), BlobStoreAclHandler.parseAccessControls(""));
    }

    @Test
    void givesAUserTheRightsOfItsEntriesAndOfOthers() {
        List<AccessControl> acl = BlobStoreAclHandler.parseAccessControls("u:alice:-w-,o::r--");
        assertEquals(BlobStoreAclHandler.READ | BlobStoreAclHandler.WRITE, BlobStoreAclHandler.rightsOf("alice", acl));
        assertEquals(BlobStoreAclHandler.READ, BlobStoreAclHandler.rightsOf("bob", acl));
    }

    @Test
    void refusesMalformedAclsSayingWhatIsWrong() {
        for (String[] c : new String[][] {{"x:bob:r", "must start with u"}, {"u::r", "names no user"},
            {"o:bob:r", "is for other users and names one"}, {"u:bob:rx", "has the right 'x'"},
            {"u:bob", "must be u:USER:RIGHTS"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BlobStoreAclHandler.parseAccessControl(c[0]));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
