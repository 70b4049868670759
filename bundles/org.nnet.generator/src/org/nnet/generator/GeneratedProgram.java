package org.nnet.generator;

/**
 * The Java program generated for one training.
 *
 * @param trainingName the training's name in the .nnet file
 * @param packageName  the Java package (from the .nnet package)
 * @param className    the simple class name (from the training's name)
 * @param source       the compilation unit
 */
public record GeneratedProgram(String trainingName, String packageName, String className, String source) {

    /** The fully qualified class name, for {@code java -cp … NAME}. */
    public String qualifiedName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    /** The source file's path below a source root, e.g. {@code examples/mnist/TrainLeNet5.java}. */
    public String relativePath() {
        return (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + className + ".java";
    }
}
