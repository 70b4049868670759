package org.nnet.runtime.train;

import java.io.IOException;
import java.nio.file.Path;

import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.metrics.SocketMetrics;

/**
 * The command line of a generated training program, so that every program takes the same options:
 * <pre>
 * --run-dir DIR       where metrics.jsonl, checkpoints and the trained model go (default runs/NAME)
 * --epochs N          overrides the training's epochs
 * --take N            trains on the first N samples only (validation on N/4), for quick checks
 * --batch N           overrides the training's batch size
 * --resume            continues from the run folder's last checkpoint
 * --metrics-port P    also streams the metrics to localhost:P (the IDE's live view)
 * --data-dir DIR      resolves the .nnet file's relative data paths against DIR
 * </pre>
 */
public final class ProgramArguments {
    private Path runDir;
    private Integer epochs;
    private Integer take;
    private Integer batch;
    private boolean resume;
    private Integer metricsPort;
    private Path dataDir;

    private ProgramArguments() {
    }

    /**
     * Parses the arguments of {@code main}.
     *
     * @param args            the arguments
     * @param defaultRunDir   the run folder when {@code --run-dir} is not given
     * @param defaultDataDir  the folder of the .nnet file, for relative data paths
     * @throws TrainingException on an unknown option or a missing value, with the usage in its message
     */
    public static ProgramArguments parse(String[] args, String defaultRunDir, String defaultDataDir) {
        ParentWatch.startIfAsked();
        org.nnet.runtime.data.ClassNumbering.startProgram();
        ProgramArguments a = new ProgramArguments();
        a.runDir = Path.of(defaultRunDir);
        a.dataDir = Path.of(defaultDataDir);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
            case "--resume" -> a.resume = true;
            case "--run-dir" -> a.runDir = Path.of(value(args, ++i, arg));
            case "--data-dir" -> a.dataDir = Path.of(value(args, ++i, arg));
            case "--epochs" -> a.epochs = positive(value(args, ++i, arg), arg);
            case "--take" -> a.take = positive(value(args, ++i, arg), arg);
            case "--batch" -> a.batch = positive(value(args, ++i, arg), arg);
            case "--metrics-port" -> a.metricsPort = positive(value(args, ++i, arg), arg);
            default -> throw new TrainingException("Unknown option '" + arg + "'. " + usage());
            }
        }
        return a;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new TrainingException(option + " needs a value. " + usage());
        }
        return args[i];
    }

    private static int positive(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TrainingException(option + " takes a positive integer, not '" + v + "'.");
    }

    /** One line naming the options. */
    public static String usage() {
        return "Options: --run-dir DIR, --epochs N, --take N, --batch N, --resume, --metrics-port P, --data-dir DIR.";
    }

    /** The run folder. */
    public Path runDir() {
        return runDir;
    }

    /** A data path of the .nnet file: relative paths are resolved against the data folder. */
    public Path dataPath(String path) {
        return dataDir.resolve(path);
    }

    /** The training data, cut to {@code --take} samples when given. */
    public Dataset takeTraining(Dataset d) {
        return take == null ? d : d.take(take);
    }

    /** The validation data, cut to a quarter of {@code --take} (at least 1) when given. */
    public Dataset takeValidation(Dataset d) {
        return take == null || d == null ? d : d.take(Math.max(1, take / 4));
    }

    /** The training's options with the run folder, {@code --epochs}, {@code --resume} and the metrics socket applied. */
    public TrainingOptions apply(TrainingOptions options) {
        options.runDir(runDir).resume(resume);
        if (epochs != null) {
            options.epochs(epochs);
        }
        if (batch != null) {
            options.batch(batch);
        }
        if (metricsPort != null) {
            try {
                options.listener(SocketMetrics.connect("localhost", metricsPort));
            } catch (IOException e) {
                throw new TrainingException("Nothing listens for metrics on localhost:" + metricsPort + " (" + e.getMessage()
                        + "): start the live view first or leave out --metrics-port.");
            }
        }
        return options;
    }

    /** The line prefix of {@link #announce}, which {@code nnet train} reads to size its progress bar. */
    public static final String PLAN = "NNET-PLAN ";

    /**
     * Prints one line saying how much training is ahead:
     * {@code NNET-PLAN {"samples":N,"batches":B,"epochs":E}} (batches per epoch).
     */
    public void announce(Dataset train, TrainingOptions options) {
        long batches = (train.size() + options.batch() - 1) / options.batch();
        System.out.println(PLAN + "{\"samples\":" + train.size() + ",\"batches\":" + batches + ",\"epochs\":" + options.epochs() + "}");
        System.out.flush();
    }

    /** Prints the last epoch's metrics, and says where the run folder is. */
    public void report(TrainingResult result) {
        if (!result.epochs().isEmpty()) {
            System.out.println(result.epochs().get(result.epochs().size() - 1).toJson());
        }
        System.out.println("Run folder: " + runDir.toAbsolutePath()
                + (result.stoppedEarly() ? " (stopped early: the validation loss stopped improving)" : ""));
    }
}
