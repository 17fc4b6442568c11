package io.squall.hdfs.testing;

/**
 * One {@link MiniHdfs} for all the integration tests of a JVM (failsafe runs them in one), started at first use and
 * shut down with the JVM: starting HDFS costs seconds. Each test works in directories of its own.
 */
public final class SharedHdfs {
    private static MiniHdfs hdfs;

    private SharedHdfs() {
    }

    /** The shared HDFS, started if this is the first use. */
    public static synchronized MiniHdfs get() {
        if (hdfs == null) {
            hdfs = MiniHdfs.start("shared");
            Runtime.getRuntime().addShutdownHook(new Thread(hdfs::close, "minidfs-shutdown"));
        }
        return hdfs;
    }
}
