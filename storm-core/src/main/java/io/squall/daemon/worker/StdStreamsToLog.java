package io.squall.daemon.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends what a worker's code writes to {@code System.out} and {@code System.err} into its log, a line at a time, as
 * the loggers {@code STDOUT} (INFO) and {@code STDERR} (WARN): a user's {@code println} or {@code printStackTrace}
 * then lands in the worker's rolling log, bounded with the rest, instead of in a file that grows without end.
 *
 * <p>Thread-safe: each stream keeps its partial line under its own lock, and a line is logged when its newline
 * comes (or when it reaches {@link #MAX_LINE_BYTES}, so one endless line cannot fill the heap). A write made while
 * the same thread is logging (an appender or logback's own status messages writing to the console) goes to the
 * original stream instead, so nothing can loop.
 */
public final class StdStreamsToLog {
    /** Longest line kept in memory before it is logged in pieces. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private StdStreamsToLog() {
    }

    /** Replaces {@code System.out} and {@code System.err}; what the JVM itself writes to the descriptors is not seen. */
    public static void install() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new LineLogger(LoggerFactory.getLogger("STDOUT"), false, out), true,
                StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new LineLogger(LoggerFactory.getLogger("STDERR"), true, err), true,
                StandardCharsets.UTF_8));
    }

    private static final class LineLogger extends OutputStream {
        /** Whether this thread is inside a call to the logger of either stream. */
        private static final ThreadLocal<Boolean> LOGGING = ThreadLocal.withInitial(() -> false);

        private final Logger log;
        private final boolean warn;
        private final PrintStream original;
        /** The current partial line; guarded by this. */
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineLogger(Logger log, boolean warn, PrintStream original) {
            this.log = log;
            this.warn = warn;
            this.original = original;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (LOGGING.get()) {
                original.write(b, off, len);
                return;
            }
            synchronized (this) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        emit();
                    } else {
                        line.write(b[i]);
                        if (line.size() >= MAX_LINE_BYTES) {
                            emit();
                        }
                    }
                }
            }
        }

        /** Logs the partial line (without a trailing CR) and starts a new one. Caller holds the lock. */
        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            LOGGING.set(true);
            try {
                if (warn) {
                    log.warn(text);
                } else {
                    log.info(text);
                }
            } finally {
                LOGGING.set(false);
            }
        }
    }
}
