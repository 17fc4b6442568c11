package io.squall.state.rocksdb;

import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;

/**
 * The options Squall's RocksDB databases open with. A worker may hold hundreds of small databases (one per key
 * group of each keyed stateful bolt), so RocksDB's defaults, sized for one large database per process, would
 * reserve gigabytes: each log file is preallocated to the size of a 64 MB write buffer and each manifest to 4 MB,
 * and that space stays taken while the database is open, even after its directory is deleted. Here nothing is
 * preallocated, write buffers are 8 MB, and the write-ahead log is flushed away once it passes 32 MB.
 */
public final class RocksDbOptions {
    private static final long WRITE_BUFFER_BYTES = 8L << 20;
    private static final long MAX_WAL_BYTES = 32L << 20;
    private static final long MANIFEST_PREALLOCATION_BYTES = 64L << 10;
    private static final long MAX_INFO_LOG_BYTES = 1L << 20;

    private RocksDbOptions() {
    }

    /** Options for a database with only the default column family. */
    public static Options single() {
        Options o = new Options().setCreateIfMissing(true).setAllowFAllocate(false)
                .setManifestPreallocationSize(MANIFEST_PREALLOCATION_BYTES).setMaxTotalWalSize(MAX_WAL_BYTES)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setMaxLogFileSize(MAX_INFO_LOG_BYTES).setKeepLogFileNum(2);
        o.setWriteBufferSize(WRITE_BUFFER_BYTES);
        return o;
    }

    /** Database-wide options for a database with column families. */
    public static DBOptions database() {
        return new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true).setAllowFAllocate(false)
                .setManifestPreallocationSize(MANIFEST_PREALLOCATION_BYTES).setMaxTotalWalSize(MAX_WAL_BYTES)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setMaxLogFileSize(MAX_INFO_LOG_BYTES).setKeepLogFileNum(2);
    }

    /** Options for each column family of such a database. */
    public static ColumnFamilyOptions family() {
        return new ColumnFamilyOptions().setWriteBufferSize(WRITE_BUFFER_BYTES);
    }
}
