package io.squall.hdfs.spout;

/**
 * The topology configuration keys {@link HdfsSpout} reads when its setter was not called, as Storm's storm-hdfs
 * (which deprecates them in favour of the setters), and the defaults.
 */
public final class Configs {
    /** {@code text}, {@code seq}, or the class name of a {@link FileReader}. */
    @Deprecated
    public static final String READER_TYPE = "hdfsspout.reader.type";
    /** The reader type of text files. */
    public static final String TEXT = "text";
    /** The reader type of sequence files. */
    public static final String SEQ = "seq";
    /** The file system's URL. */
    @Deprecated
    public static final String HDFS_URI = "hdfsspout.hdfs";
    /** The directory the spout reads. */
    @Deprecated
    public static final String SOURCE_DIR = "hdfsspout.source.dir";
    /** Where files go once read. */
    @Deprecated
    public static final String ARCHIVE_DIR = "hdfsspout.archive.dir";
    /** Where files that cannot be read go. */
    @Deprecated
    public static final String BAD_DIR = "hdfsspout.badfiles.dir";
    /** Where the lock files are (default: {@code .lock} in the source directory). */
    @Deprecated
    public static final String LOCK_DIR = "hdfsspout.lock.dir";
    /** Acked tuples between two commits of progress to the lock file (0: no commits by count). */
    @Deprecated
    public static final String COMMIT_FREQ_COUNT = "hdfsspout.commit.count";
    /** Seconds between two commits of progress to the lock file. */
    @Deprecated
    public static final String COMMIT_FREQ_SEC = "hdfsspout.commit.sec";
    /** Tuples in flight at most, past which the spout waits for acks. */
    @Deprecated
    public static final String MAX_OUTSTANDING = "hdfsspout.max.outstanding";
    /** Seconds without progress after which another spout takes a file's lock over. */
    @Deprecated
    public static final String LOCK_TIMEOUT = "hdfsspout.lock.timeout.sec";
    /** Whether the hosts' clocks agree, so that a lock's time can be compared with this host's. */
    @Deprecated
    public static final String CLOCKS_INSYNC = "hdfsspout.clocks.insync";
    /** Files whose names end with it are not read (default {@code .ignore}): files still being written. */
    @Deprecated
    public static final String IGNORE_SUFFIX = "hdfsspout.ignore.suffix";
    /** The lock directory's name in the source directory. */
    public static final String DEFAULT_LOCK_DIR = ".lock";
    /** Default of {@link #COMMIT_FREQ_COUNT}. */
    public static final int DEFAULT_COMMIT_FREQ_COUNT = 20000;
    /** Default of {@link #COMMIT_FREQ_SEC}. */
    public static final int DEFAULT_COMMIT_FREQ_SEC = 10;
    /** Default of {@link #MAX_OUTSTANDING}. */
    public static final int DEFAULT_MAX_OUTSTANDING = 10000;
    /** Default of {@link #LOCK_TIMEOUT}: five minutes. */
    public static final int DEFAULT_LOCK_TIMEOUT = 5 * 60;
    /** The default key of the topology configuration's map of Hadoop settings. */
    public static final String DEFAULT_HDFS_CONFIG_KEY = "hdfs.config";

    private Configs() {
    }
}
