package io.squall.daemon.logviewer;

import io.squall.errors.SquallException;
import io.squall.topology.AuthorizationException;
import io.squall.topology.NotAliveException;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Who may read which log when the cluster authenticates, decided by Nimbus with the user's own token, as the
 * dashboard does (the logviewer holds no users file):
 *
 * <ul>
 *   <li>a worker's log: the users who may view its topology (its owner, {@code topology.users},
 *       {@code topology.readers}, {@code nimbus.admins}). The logviewer asks Nimbus for the topology's
 *       configuration by id, which Nimbus answers only to them: a refusal is 403, a token Nimbus does not accept
 *       401. Logs of a topology that no longer runs (Nimbus knows no such id) are for the admins only, since no
 *       one is left to ask who else may read them;</li>
 *   <li>a daemon's log: {@code nimbus.admins} and {@code logs.users} of the logviewer's configuration, once Nimbus
 *       has accepted the token (a token is {@code USER.SECRET}, so an accepted token names its user).</li>
 * </ul>
 *
 * A Nimbus that cannot be reached refuses the request (503): nothing is served without a decision. Stateless, so
 * thread-safe.
 */
public final class NimbusLogAccess implements LogAccess {
    private final NimbusClient nimbus;
    private final Set<String> admins;
    private final Set<String> logsUsers;

    /**
     * @param nimbus    a client of the cluster's Nimbus (its own token is replaced by each user's)
     * @param admins    {@code nimbus.admins}
     * @param logsUsers {@code logs.users}
     */
    public NimbusLogAccess(NimbusClient nimbus, List<String> admins, List<String> logsUsers) {
        this.nimbus = nimbus;
        this.admins = Set.copyOf(admins);
        this.logsUsers = Set.copyOf(logsUsers);
    }

    @Override
    public void checkWorkerLog(String token, String topologyId) {
        requireToken(token);
        try {
            nimbus.withToken(token).downloadCode(topologyId, "conf");
        } catch (NotAliveException gone) {
            String user = authenticatedUser(token);
            if (!admins.contains(user)) {
                throw new LogRequestException(403, "User " + user + " may not read the logs of topology "
                        + topologyId + ": it no longer runs (or never did), and only nimbus.admins read the logs of "
                        + "topologies that are gone");
            }
        } catch (AuthorizationException e) {
            throw refusal(e, "read the logs of topology " + topologyId
                    + " (ask its owner to add you to topology.readers)");
        } catch (SquallException | IOException e) {
            throw unreachable(e);
        }
    }

    @Override
    public void checkDaemonLog(String token) {
        requireToken(token);
        String user = authenticatedUser(token);
        if (!admins.contains(user) && !logsUsers.contains(user)) {
            throw new LogRequestException(403, "User " + user + " may not read the daemons' logs: only nimbus.admins "
                    + "and logs.users may");
        }
    }

    private static void requireToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new LogRequestException(401, "Authentication required: send your token as Authorization: Bearer "
                    + "TOKEN, or sign in with your user name and the token as the password");
        }
    }

    /** Asks Nimbus whether it accepts the token, and returns the user it names. */
    private String authenticatedUser(String token) {
        try {
            nimbus.withToken(token).getClusterInfo();
        } catch (AuthorizationException e) {
            throw refusal(e, "read logs");
        } catch (SquallException | IOException e) {
            throw unreachable(e);
        }
        int dot = token.indexOf('.');
        return dot > 0 ? token.substring(0, dot) : token;
    }

    private static LogRequestException refusal(AuthorizationException e, String what) {
        String message = String.valueOf(e.getMessage());
        // Nimbus's refusal of a token says so; a bare "401" could be part of its address (a port such as 34015).
        if (message.contains("Authentication required")) {
            return new LogRequestException(401, "Authentication required: Nimbus did not accept the token ("
                    + message + ")");
        }
        return new LogRequestException(403, "Not allowed to " + what + ": " + message);
    }

    private static LogRequestException unreachable(Exception e) {
        return new LogRequestException(503, "Cannot ask Nimbus who may read this log, so it is not served: "
                + e.getMessage());
    }
}
