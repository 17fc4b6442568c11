package io.squall.security;

import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * ZooKeeper access for a cluster with a secret: every client of Squall's daemons authenticates with the digest
 * user {@value #USER} (password derived from the cluster secret) and creates every znode with
 * {@code CREATOR_ALL_ACL}, so only clients holding the same digest can read or write Squall's state. Znodes made
 * before the secret was set keep their open ACL: start a secured cluster on a fresh root
 * ({@code storm.zookeeper.root}) or a fresh ensemble.
 */
public final class ZookeeperAcls {
    /** The digest user of Squall's daemons. */
    public static final String USER = "squall";

    /** All rights to the authenticated creator, as ZooKeeper's {@code CREATOR_ALL_ACL}. */
    private static final List<ACL> CREATOR_ALL = Collections.singletonList(new ACL(ZooDefs.Perms.ALL,
            new Id("auth", ""))); // Not List.of: ZooKeeper asks the list whether it contains null.

    private ZookeeperAcls() {
    }

    /** Adds the digest and the ACL provider to a Curator builder when there is a secret; else leaves it as is. */
    public static CuratorFrameworkFactory.Builder apply(CuratorFrameworkFactory.Builder b, ClusterSecret secret) {
        if (secret == null) {
            return b;
        }
        return b.authorization("digest", (USER + ":" + secret.zookeeperPassword()).getBytes(StandardCharsets.UTF_8))
                .aclProvider(new ACLProvider() {
                    @Override
                    public List<ACL> getDefaultAcl() {
                        return CREATOR_ALL;
                    }

                    @Override
                    public List<ACL> getAclForPath(String path) {
                        return CREATOR_ALL;
                    }
                });
    }
}
