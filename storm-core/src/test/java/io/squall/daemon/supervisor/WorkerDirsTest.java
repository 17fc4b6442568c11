package io.squall.daemon.supervisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerDirsTest {
    @TempDir
    Path home;

    @Test
    void emptiesThePortsTemporaryDirectoryBeforeEachWorkerAndGivesItAndTheNativeDirectory() throws IOException {
        WorkerDirs dirs = new WorkerDirs(home.resolve("tmp"), home.resolve("native"));
        assertEquals(List.of("-Djava.io.tmpdir=" + home.resolve("tmp").resolve("6700"),
                "-Dsquall.native.dir=" + home.resolve("native")), dirs.prepare(6700, List.of("-Xmx768m")));

        // What a killed worker left: a library its loader copied, a directory of files to delete at exit.
        Files.writeString(dirs.tmpDir(6700).resolve("librocksdbjni123.so"), "copy");
        Files.createDirectories(dirs.tmpDir(6700).resolve("snappy").resolve("nested"));
        Path otherPort = Files.writeString(Files.createDirectories(dirs.tmpDir(6701)).resolve("in-use"), "busy");

        dirs.prepare(6700, List.of("-Xmx768m"));
        try (Stream<Path> left = Files.list(dirs.tmpDir(6700))) {
            assertEquals(List.of(), left.toList(), "the slot's directory is empty for the next worker");
        }
        assertTrue(Files.exists(otherPort), "another port's worker keeps its files");
    }

    @Test
    void deletesTheDirectoriesOfPortsTheSupervisorNoLongerHas() throws IOException {
        WorkerDirs dirs = new WorkerDirs(home.resolve("tmp"), home.resolve("native"));
        dirs.deleteOtherPorts(List.of(6700));
        dirs.prepare(6700, List.of());
        dirs.prepare(6701, List.of());
        Path kept = Files.writeString(dirs.tmpDir(6700).resolve("in-use"), "busy");
        Files.writeString(dirs.tmpDir(6701).resolve("left"), "x");

        dirs.deleteOtherPorts(List.of(6700, 6702));
        assertTrue(Files.exists(kept), "a configured port's worker may be adopted and keeps its files");
        assertTrue(Files.notExists(dirs.tmpDir(6701)));
    }

    @Test
    void leavesTheDirectoriesWorkerChildoptsSetToThem() throws IOException {
        WorkerDirs dirs = new WorkerDirs(home.resolve("tmp"), home.resolve("native"));
        Path mine = Files.createDirectories(home.resolve("mine"));
        Path kept = Files.writeString(mine.resolve("kept"), "x");
        List<String> childopts = List.of("-Xmx1g", "-Djava.io.tmpdir=" + mine, "-Dsquall.native.dir=/opt/native");

        assertEquals(List.of(), dirs.prepare(6700, childopts));
        assertTrue(Files.exists(kept));
    }

    @Test
    void aPortWhoseDirectoryCannotBeMadeStillGetsItsWorkerWithTheDefaultTemporaryDirectory() throws IOException {
        Path notADirectory = Files.writeString(home.resolve("tmp"), "a file where the directories should be");
        WorkerDirs dirs = new WorkerDirs(notADirectory, home.resolve("native"));

        assertEquals(List.of("-Dsquall.native.dir=" + home.resolve("native")), dirs.prepare(6700, List.of()));
    }
}
