package io.squall.hdfs.spout;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException;
import org.apache.hadoop.ipc.RemoteException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The file system operations the locks rest on. */
final class Locks {
    private Locks() {
    }

    /**
     * Creates {@code file} if no one has: HDFS lets one client create a file, and fails the others.
     *
     * @return its stream, or null when the file exists or another client is creating it
     */
    static FSDataOutputStream tryCreate(FileSystem fs, Path file) throws IOException {
        try {
            return fs.create(file, false);
        } catch (FileAlreadyExistsException e) {
            return null;
        } catch (RemoteException e) {
            IOException unwrapped = e.unwrapRemoteException();
            if (unwrapped instanceof AlreadyBeingCreatedException || unwrapped instanceof FileAlreadyExistsException) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Ends the lease of the client that wrote {@code file} (a reader that crashed), so that it can be appended to.
     *
     * @return true when the file is closed and free; false when HDFS is still recovering it (try again later)
     */
    static boolean recoverLease(FileSystem fs, Path file) throws IOException {
        return !(fs instanceof DistributedFileSystem dfs) || dfs.recoverLease(file);
    }

    /** The files (not directories) directly in {@code dir} modified at or before {@code olderThan} (all if <= 0). */
    static List<FileStatus> filesByModificationTime(FileSystem fs, Path dir, long olderThan) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isFile() && (olderThan <= 0 || s.getModificationTime() <= olderThan)) {
                files.add(s);
            }
        }
        files.sort(Comparator.comparingLong(FileStatus::getModificationTime)
                .thenComparing(s -> s.getPath().getName()));
        return files;
    }
}
