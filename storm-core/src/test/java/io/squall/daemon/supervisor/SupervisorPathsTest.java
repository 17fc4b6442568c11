package io.squall.daemon.supervisor;

import io.squall.config.ConfigKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SupervisorPathsTest {

    @Test
    void theDefaultCredentialsFileIsInTheHomeDirectoryNotUnderTheWorkingDirectory() {
        assertEquals(Path.of(System.getProperty("user.home"), ".squall", "credentials").toString(),
                Supervisor.absolutePath(ConfigKeys.SQUALL_CREDENTIALS_FILE, "~/.squall/credentials"));
    }

    @Test
    void otherRelativePathsAreResolvedAgainstTheWorkingDirectory() {
        assertEquals(Path.of("squall-local").toAbsolutePath().toString(),
                Supervisor.absolutePath(ConfigKeys.STORM_LOCAL_DIR, "squall-local"));
    }
}
