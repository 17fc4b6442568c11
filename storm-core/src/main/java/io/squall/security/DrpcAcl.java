package io.squall.security;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may execute which DRPC function, the rule of Storm's {@code DRPCSimpleACLAuthorizer} read from the DRPC
 * server's configuration:
 *
 * <pre>
 * drpc.authorizer.acl:
 *   reach: {client.users: [alice, bob]}
 * drpc.authorizer.acl.strict: false
 * </pre>
 *
 * <ul>
 *   <li>a function listed in {@code drpc.authorizer.acl} may be executed by its {@code client.users} only;</li>
 *   <li>a function not listed may be executed by every authenticated user, unless {@code drpc.authorizer.acl.strict}
 *       is true: then by nobody;</li>
 *   <li>{@code nimbus.admins} may execute every function; the daemons' own credential none (it only reads the
 *       server's counts).</li>
 * </ul>
 *
 * Storm's {@code invocation.user} has no counterpart: the workers that fetch requests and return results are
 * authenticated by their topology's secret, not as a user, so a configuration naming it is refused. Immutable.
 */
public final class DrpcAcl {
    /** The ACL key: function name to {@code {client.users: [...]}}. */
    public static final String ACL = "drpc.authorizer.acl";
    /** Whether functions missing from the ACL are refused to everyone. */
    public static final String STRICT = "drpc.authorizer.acl.strict";
    private static final String CLIENT_USERS = "client.users";

    /** No function is restricted. */
    public static final DrpcAcl OPEN = new DrpcAcl(Map.of(), false, Set.of());

    private final Map<String, Set<String>> clientUsers;
    private final boolean strict;
    private final Set<String> admins;

    private DrpcAcl(Map<String, Set<String>> clientUsers, boolean strict, Set<String> admins) {
        this.clientUsers = clientUsers;
        this.strict = strict;
        this.admins = admins;
    }

    /**
     * The ACL of a DRPC server's configuration.
     *
     * @param admins {@code nimbus.admins}
     * @throws SecurityConfigException naming the key and the function whose entry is wrong
     */
    public static DrpcAcl of(Map<String, Object> conf, List<String> admins) {
        Object acl = conf.get(ACL);
        Map<String, Set<String>> users = new LinkedHashMap<>();
        if (acl != null) {
            if (!(acl instanceof Map<?, ?> functions)) {
                throw new SecurityConfigException(ACL + " must map function names to {client.users: [USER, ...]}, got "
                        + acl);
            }
            functions.forEach((f, entry) -> users.put(String.valueOf(f), clientUsers(String.valueOf(f), entry)));
        }
        Object strict = conf.getOrDefault(STRICT, false);
        if (!(strict instanceof Boolean b)) {
            throw new SecurityConfigException(STRICT + " must be true or false, got " + strict);
        }
        return new DrpcAcl(Map.copyOf(users), b, Set.copyOf(admins));
    }

    private static Set<String> clientUsers(String function, Object entry) {
        String where = ACL + "." + function;
        if (!(entry instanceof Map<?, ?> m)) {
            throw new SecurityConfigException(where + " must be {client.users: [USER, ...]}, got " + entry);
        }
        for (Object k : m.keySet()) {
            if ("invocation.user".equals(k)) {
                throw new SecurityConfigException(where + ".invocation.user has no effect in Squall: the workers that "
                        + "serve DRPC requests are authenticated by their topology's secret; remove it");
            }
            if (!CLIENT_USERS.equals(k)) {
                throw new SecurityConfigException(where + " has an unknown key '" + k + "'; the only key is "
                        + CLIENT_USERS);
            }
        }
        Object list = m.get(CLIENT_USERS);
        if (!(list instanceof List<?> l)) {
            throw new SecurityConfigException(where + "." + CLIENT_USERS + " must be a list of user names, got "
                    + list);
        }
        Set<String> out = new LinkedHashSet<>();
        l.forEach(u -> out.add(String.valueOf(u)));
        return Set.copyOf(out);
    }

    /**
     * Why {@code user} may not execute {@code function}, or null if it may.
     *
     * @return a message naming the function and what to configure, without any credential
     */
    public String refusal(String user, String function) {
        if (TokenStore.DAEMON_USER.equals(user)) {
            return "the daemons' credential does not execute DRPC functions";
        }
        if (admins.contains(user)) {
            return null;
        }
        Set<String> allowed = clientUsers.get(function);
        if (allowed == null) {
            return strict ? "function " + function + " is not in " + ACL + " and " + STRICT + " is true; ask an "
                    + "administrator to add " + user + " to its client.users" : null;
        }
        return allowed.contains(user) ? null : user + " is not among the client.users of function " + function
                + " in " + ACL + "; ask an administrator to add it";
    }

    @Override
    public String toString() {
        return "DrpcAcl(" + clientUsers + ", strict " + strict + ")";
    }
}
