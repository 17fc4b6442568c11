package io.squall.security;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizerTest {
    private static final Map<String, Object> TOPOLOGY = Map.of(Authorizer.OWNER_KEY, "alice",
            Authorizer.USERS_KEY, List.of("bob"), Authorizer.READERS_KEY, List.of("carol"));
    private final Authorizer authorizer = Authorizer.withAdmins(List.of("root"));

    @Test
    void theOwnerUsersAndAdminsOperateReadersOnlyViewOthersNothing() {
        EnumSet<Authorizer.Action> all = EnumSet.allOf(Authorizer.Action.class);
        assertEquals(all, authorizer.allowed("alice", TOPOLOGY));
        assertEquals(all, authorizer.allowed("bob", TOPOLOGY));
        assertEquals(all, authorizer.allowed("root", TOPOLOGY));
        assertEquals(EnumSet.of(Authorizer.Action.VIEW), authorizer.allowed("carol", TOPOLOGY));
        assertEquals(EnumSet.noneOf(Authorizer.Action.class), authorizer.allowed("mallory", TOPOLOGY));
        assertEquals(EnumSet.noneOf(Authorizer.Action.class), authorizer.allowed(null, TOPOLOGY));
        assertFalse(authorizer.permits("carol", Authorizer.Action.OPERATE, TOPOLOGY));
    }

    @Test
    void theDaemonsViewEverythingAndOperateNothing() {
        assertEquals(EnumSet.of(Authorizer.Action.VIEW), authorizer.allowed(TokenStore.DAEMON_USER, TOPOLOGY));
        assertFalse(authorizer.isAdmin(TokenStore.DAEMON_USER));
    }

    @Test
    void withoutAuthenticationEveryonesMayDoEverything() {
        assertTrue(Authorizer.OPEN.permits(null, Authorizer.Action.OPERATE, Map.of()));
        assertTrue(Authorizer.OPEN.isAdmin("anyone"));
    }
}
