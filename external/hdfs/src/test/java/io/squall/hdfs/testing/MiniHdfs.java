package io.squall.hdfs.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real HDFS in the test JVM: one NameNode and one DataNode ({@link MiniDFSCluster}) with their storage under
 * {@code target/}, on a fixed port so that {@link #restartNameNode()} comes back where the clients look for it.
 * The clients the tests configure (see {@link #clientConfig()}) give up on a missing NameNode within about a second,
 * as a production client would after its retries, so that outage tests take seconds.
 */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private final FileSystem fs;

    private MiniHdfs(MiniDFSCluster cluster) throws IOException {
        this.cluster = cluster;
        this.fs = FileSystem.newInstance(cluster.getURI(), new Configuration(cluster.getConfiguration(0)));
    }

    /** Starts a fresh, formatted HDFS whose storage is {@code target/minidfs/<name>}. */
    public static MiniHdfs start(String name) {
        File base = new File("target/minidfs/" + name).getAbsoluteFile();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
        conf.setInt("dfs.namenode.heartbeat.recheck-interval", 2000);
        conf.setBoolean("dfs.permissions.enabled", false);
        // Lease recovery of an abandoned file (a crashed reader's lock) in seconds rather than a minute.
        conf.setLong("dfs.namenode.lease-recheck-interval-ms", 200);
        conf.setBoolean("dfs.client.block.write.replace-datanode-on-failure.enable", false);
        conf.set("dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");
        try {
            return new MiniHdfs(new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException("MiniDFSCluster " + name + " did not start", e);
        }
    }

    /** hdfs://localhost:PORT, what a bolt's withFsUrl and a spout's setHdfsUri take. */
    public String url() {
        return "hdfs://localhost:" + cluster.getNameNodePort();
    }

    /** The tests' own client. */
    public FileSystem fs() {
        return fs;
    }

    /**
     * Hadoop settings for the topologies' clients (put under their config key): few, short retries, so that an
     * operation against a stopped NameNode fails in about a second.
     */
    public static Map<String, Object> clientConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put("ipc.client.connect.max.retries", 1);
        c.put("ipc.client.connect.retry.interval", 100);
        c.put("ipc.client.connect.timeout", 1000);
        c.put("ipc.client.connect.max.retries.on.timeouts", 1);
        c.put("dfs.client.retry.policy.enabled", false);
        c.put("dfs.client.failover.max.attempts", 1);
        c.put("dfs.client.block.write.replace-datanode-on-failure.enable", false);
        return c;
    }

    /** Stops the NameNode: every client operation that needs it fails until {@link #restartNameNode()}. */
    public void stopNameNode() {
        cluster.shutdownNameNode(0);
    }

    /** Starts the NameNode again on its port, with the files it had, and waits until it leaves safe mode. */
    public void restartNameNode() {
        try {
            cluster.restartNameNode(0, true);
        } catch (IOException e) {
            throw new UncheckedIOException("the NameNode did not restart", e);
        }
    }

    /**
     * The files directly under {@code dir} (none if it does not exist), sorted by name, but for hidden ones (names
     * starting with a dot, such as the Trident state's index).
     */
    public List<Path> files(String dir) {
        try {
            List<Path> out = new ArrayList<>();
            if (!fs.exists(new Path(dir))) {
                return out;
            }
            for (FileStatus s : fs.listStatus(new Path(dir))) {
                if (s.isFile() && !s.getPath().getName().startsWith(".")) {
                    out.add(s.getPath());
                }
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of every file directly under {@code dir}. */
    public List<String> lines(String dir) {
        List<String> out = new ArrayList<>();
        for (Path p : files(dir)) {
            out.addAll(lines(p));
        }
        return out;
    }

    /** The lines of one file. */
    public List<String> lines(Path file) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** Writes {@code text} to a new file (replacing one of that name). */
    public void write(String file, String text) {
        try (var out = fs.create(new Path(file), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            fs.close();
        } catch (IOException ignored) {
            // The cluster goes away next; nothing to keep.
        }
        cluster.shutdown(true);
    }
}
