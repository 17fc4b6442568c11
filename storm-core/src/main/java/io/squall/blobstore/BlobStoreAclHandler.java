package io.squall.blobstore;

import io.squall.topology.AccessControl;
import io.squall.topology.AccessControlType;

import java.util.ArrayList;
import java.util.List;

/**
 * Storm's access control lists of blobs, written {@code [u|o]:[USER]:[r-][w-][a-]}: {@code u:alice:rwa} gives user
 * alice read, write and admin access, {@code o::r--} gives every other user read access. Read lets a user get a
 * blob and its meta, write lets them update or delete it, admin lets them change its meta. The ACLs are enforced
 * when the cluster authenticates its users; the blob's creator always keeps full access, and
 * {@code nimbus.admins} may do everything.
 */
public final class BlobStoreAclHandler {
    /** Read access: get the blob and its meta. */
    public static final int READ = 1;
    /** Write access: update or delete the blob. */
    public static final int WRITE = 2;
    /** Admin access: change the blob's meta (its ACL). */
    public static final int ADMIN = 4;
    /** Everyone may do everything: {@code o::rwa}. */
    public static final List<AccessControl> WORLD_EVERYTHING = List.of(new AccessControl(AccessControlType.OTHER,
            READ | WRITE | ADMIN));

    private BlobStoreAclHandler() {
    }

    /**
     * One ACL entry from its text, {@code u:USER:rwa} or {@code o::rwa} ({@code -} or {@code _} for a right not
     * given, in any position).
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static AccessControl parseAccessControl(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Blob ACL '" + text + "' must be u:USER:RIGHTS or o::RIGHTS, rights "
                    + "from r, w, a (for example u:alice:rwa, o::r--)");
        }
        AccessControl ac = new AccessControl();
        switch (parts[0]) {
            case "u", "user" -> {
                if (parts[1].isEmpty()) {
                    throw new IllegalArgumentException("Blob ACL '" + text + "' names no user: write u:USER:RIGHTS");
                }
                ac.set_type(AccessControlType.USER);
                ac.set_name(parts[1]);
            }
            case "o", "other" -> {
                if (!parts[1].isEmpty()) {
                    throw new IllegalArgumentException("Blob ACL '" + text + "' is for other users and names one: "
                            + "write o::RIGHTS");
                }
                ac.set_type(AccessControlType.OTHER);
            }
            default -> throw new IllegalArgumentException("Blob ACL '" + text + "' starts with '" + parts[0]
                    + "'; it must start with u (a user) or o (other users)");
        }
        int access = 0;
        for (char c : parts[2].toCharArray()) {
            access |= switch (c) {
                case 'r' -> READ;
                case 'w' -> WRITE;
                case 'a' -> ADMIN;
                case '-', '_' -> 0;
                default -> throw new IllegalArgumentException("Blob ACL '" + text + "' has the right '" + c
                        + "'; rights are r, w, a (and - for none)");
            };
        }
        ac.set_access(access);
        return ac;
    }

    /** The entries of a comma-separated list of ACLs ({@code u:alice:rwa,o::r}); none for an empty text. */
    public static List<AccessControl> parseAccessControls(String text) {
        List<AccessControl> acl = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    acl.add(parseAccessControl(part));
                }
            }
        }
        return acl;
    }

    /** An entry's text, as {@link #parseAccessControl} reads it: {@code u:alice:rw-}. */
    public static String accessControlToString(AccessControl ac) {
        int a = ac.get_access();
        return (ac.get_type() == AccessControlType.USER ? "u:" + ac.get_name() : "o:") + ":"
                + ((a & READ) != 0 ? "r" : "-") + ((a & WRITE) != 0 ? "w" : "-") + ((a & ADMIN) != 0 ? "a" : "-");
    }

    /**
     * The rights {@code acl} gives {@code user}: those of its entries naming the user and of its entries for other
     * users.
     */
    public static int rightsOf(String user, List<AccessControl> acl) {
        int rights = 0;
        for (AccessControl ac : acl) {
            if (ac.get_type() == AccessControlType.OTHER
                    || (ac.get_type() == AccessControlType.USER && ac.get_name().equals(user))) {
                rights |= ac.get_access();
            }
        }
        return rights;
    }

    /** {@code acl} with the creator given full access, as Storm fixes the ACL of a blob a user creates. */
    public static List<AccessControl> withCreator(String creator, List<AccessControl> acl) {
        List<AccessControl> fixed = new ArrayList<>();
        boolean named = false;
        for (AccessControl ac : acl) {
            if (ac.get_type() == AccessControlType.USER && ac.get_name().equals(creator)) {
                AccessControl full = new AccessControl(AccessControlType.USER, READ | WRITE | ADMIN);
                full.set_name(creator);
                fixed.add(full);
                named = true;
            } else {
                fixed.add(ac);
            }
        }
        if (!named && creator != null) {
            AccessControl full = new AccessControl(AccessControlType.USER, READ | WRITE | ADMIN);
            full.set_name(creator);
            fixed.add(full);
        }
        return fixed;
    }
}
