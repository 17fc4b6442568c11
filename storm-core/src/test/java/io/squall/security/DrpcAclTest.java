package io.squall.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrpcAclTest {
    private static final Map<String, Object> ACL = Map.of(DrpcAcl.ACL,
            Map.of("reach", Map.of("client.users", List.of("alice"))));

    @Test
    void aListedFunctionIsForItsClientUsersAndTheAdminsOnly() {
        DrpcAcl acl = DrpcAcl.of(ACL, List.of("ops"));
        assertNull(acl.refusal("alice", "reach"));
        assertNull(acl.refusal("ops", "reach"));
        String why = acl.refusal("bob", "reach");
        assertTrue(why.contains("bob") && why.contains("reach") && why.contains(DrpcAcl.ACL), why);
    }

    @Test
    void anUnlistedFunctionIsOpenToEveryUserUnlessStrict() {
        assertNull(DrpcAcl.of(ACL, List.of()).refusal("bob", "words"));
        Map<String, Object> strict = Map.of(DrpcAcl.ACL, ACL.get(DrpcAcl.ACL), DrpcAcl.STRICT, true);
        DrpcAcl acl = DrpcAcl.of(strict, List.of("ops"));
        assertTrue(acl.refusal("bob", "words").contains(DrpcAcl.STRICT));
        assertNull(acl.refusal("ops", "words"));
        assertNull(acl.refusal("alice", "reach"));
    }

    @Test
    void theDaemonsCredentialExecutesNothing() {
        assertNotNull(DrpcAcl.OPEN.refusal(TokenStore.DAEMON_USER, "words"));
        assertNull(DrpcAcl.OPEN.refusal("anyone", "words"));
    }

    @Test
    void aMalformedAclIsRefusedNamingTheFunction() {
        SecurityConfigException notList = assertThrows(SecurityConfigException.class, () -> DrpcAcl.of(
                Map.of(DrpcAcl.ACL, Map.of("reach", Map.of("client.users", "alice"))), List.of()));
        assertTrue(notList.getMessage().contains("drpc.authorizer.acl.reach.client.users"), notList.getMessage());
        SecurityConfigException invocation = assertThrows(SecurityConfigException.class, () -> DrpcAcl.of(
                Map.of(DrpcAcl.ACL, Map.of("reach", Map.of("client.users", List.of(), "invocation.user", "x"))),
                List.of()));
        assertTrue(invocation.getMessage().contains("topology's secret"), invocation.getMessage());
        assertThrows(SecurityConfigException.class, () -> DrpcAcl.of(Map.of(DrpcAcl.ACL, List.of("reach")),
                List.of()));
        assertThrows(SecurityConfigException.class, () -> DrpcAcl.of(Map.of(DrpcAcl.STRICT, "yes"), List.of()));
    }
}
