package io.squall.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what to a topology. Its owner (the user who submitted it, kept in {@code topology.submitter.user}),
 * the users it lists in {@code topology.users} and the cluster's {@code nimbus.admins} may {@link Action#OPERATE}
 * it (kill, rebalance, activate, deactivate) and view it; the users it lists in {@code topology.readers} may
 * only {@link Action#VIEW} it (status, metrics, components, code). The cluster's own daemons view everything and
 * operate nothing. With authentication off ({@link #OPEN}) everyone may do everything. Immutable.
 */
public final class Authorizer {
    /** What a user asks to do to a topology. */
    public enum Action {
        /** See its status, metrics, components and code. */
        VIEW,
        /** Kill, rebalance, activate or deactivate it. */
        OPERATE
    }

    /** The topology config key that names a topology's owner, set by Nimbus at submit. */
    public static final String OWNER_KEY = "topology.submitter.user";
    /** The topology config key listing the users who may operate it. */
    public static final String USERS_KEY = "topology.users";
    /** The topology config key listing the users who may view it. */
    public static final String READERS_KEY = "topology.readers";

    /** Everyone may do everything: a cluster without authentication. */
    public static final Authorizer OPEN = new Authorizer(Set.of(), false);

    private final Set<String> admins;
    private final boolean enforcing;

    private Authorizer(Set<String> admins, boolean enforcing) {
        this.admins = Set.copyOf(admins);
        this.enforcing = enforcing;
    }

    /** An authorizer that enforces the rules above, with these admins. */
    public static Authorizer withAdmins(Collection<String> admins) {
        return new Authorizer(Set.copyOf(admins), true);
    }

    /** Whether the rules are enforced (authentication is on); false for {@link #OPEN}. */
    public boolean enforces() {
        return enforcing;
    }

    /** Whether {@code user} is one of {@code nimbus.admins}. */
    public boolean isAdmin(String user) {
        return !enforcing || admins.contains(user);
    }

    /** The actions {@code user} may take on a topology with this config. */
    public Set<Action> allowed(String user, Map<String, Object> topologyConf) {
        if (!enforcing) {
            return EnumSet.allOf(Action.class);
        }
        if (user == null) {
            return EnumSet.noneOf(Action.class);
        }
        if (TokenStore.DAEMON_USER.equals(user)) {
            return EnumSet.of(Action.VIEW);
        }
        if (admins.contains(user) || user.equals(topologyConf.get(OWNER_KEY))
                || listed(topologyConf.get(USERS_KEY), user)) {
            return EnumSet.allOf(Action.class);
        }
        return listed(topologyConf.get(READERS_KEY), user) ? EnumSet.of(Action.VIEW) : EnumSet.noneOf(Action.class);
    }

    /** Whether {@code user} may take {@code action} on a topology with this config. */
    public boolean permits(String user, Action action, Map<String, Object> topologyConf) {
        return allowed(user, topologyConf).contains(action);
    }

    private static boolean listed(Object list, String user) {
        return list instanceof List<?> l && l.stream().anyMatch(u -> user.equals(String.valueOf(u)));
    }
}
