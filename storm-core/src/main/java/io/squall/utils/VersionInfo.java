package io.squall.utils;

/**
 * Storm's build information, for code that prints it: the version comes from the Squall JAR's manifest; what Storm
 * also records of its build (revision, branch, date, user, URL, checksum) Squall does not, and is "Unknown".
 */
public final class VersionInfo {
    private static final String UNKNOWN = "Unknown";

    private VersionInfo() {
    }

    /** The version of Squall in use, or "Unknown" when not run from a packaged JAR. */
    public static String getVersion() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : UNKNOWN;
    }

    public static String getRevision() {
        return UNKNOWN;
    }

    public static String getBranch() {
        return UNKNOWN;
    }

    public static String getDate() {
        return UNKNOWN;
    }

    public static String getUser() {
        return UNKNOWN;
    }

    public static String getUrl() {
        return UNKNOWN;
    }

    public static String getSrcChecksum() {
        return UNKNOWN;
    }

    /** The version, as Storm's one-line build description begins. */
    public static String getBuildVersion() {
        return getVersion();
    }
}
