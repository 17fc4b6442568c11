package io.squall.hdfs.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.SimpleDateFormat;
import java.util.Date;

/** What the file name formats of the bolts and of the Trident state share. */
public final class FileNames {
    private FileNames() {
    }

    /** {@code timeStamp} (epoch milliseconds) in the {@link SimpleDateFormat} pattern {@code format}. */
    public static String formatTime(String format, long timeStamp) {
        return new SimpleDateFormat(format).format(new Date(timeStamp));
    }

    /**
     * @throws IllegalArgumentException naming the pattern when it is not a {@link SimpleDateFormat} pattern
     */
    public static void checkTimeFormat(String format) {
        try {
            new SimpleDateFormat(format);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("invalid timeFormat '" + format + "': " + e.getMessage()
                    + "; give a java.text.SimpleDateFormat pattern such as yyyyMMddHHmmss", e);
        }
    }

    /** This host's name, or {@code localhost} when it has none that resolves (a name must not fail a worker). */
    public static String localHostname() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
