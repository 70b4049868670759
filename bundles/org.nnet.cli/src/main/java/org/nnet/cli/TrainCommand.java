package org.nnet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.nnet.generator.GeneratedProgram;
import org.nnet.generator.GeneratorException;
import org.nnet.generator.TrainingGenerator;
import org.nnet.model.Training;
import org.nnet.runtime.metrics.MetricsChannel;
import org.nnet.runtime.metrics.SocketMetrics;
import org.nnet.runtime.train.CheckpointFiles;
import org.nnet.runtime.train.ParentWatch;
import org.nnet.runtime.train.RunLock;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nnet train FILE [--training NAME] [--epochs N] [--take N] [--resume RUN_DIR] [--jvm-opt=OPTION]...}: validates the file,
 * generates the training's program into a new run folder {@code runs/<training>/<timestamp>/}, compiles it in
 * this process, runs it in a child JVM on the runtime's classpath with one OpenMP thread, shows its metrics
 * as a live progress bar, and writes {@code curves.png} at the end.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
		description = "Validate, generate, compile and run a training with a live progress bar; the run folder gets metrics.jsonl, "
				+ "curves.png, checkpoints, the trained model and the program's sources.")
public final class TrainCommand implements Callable<Integer> {
	static final String PROGRAM_FILE = "program.properties";
	private static final String PLAN = "NNET-PLAN ";

	@Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the .nnet file (not needed with --resume)")
	Path file;

	@Option(names = "--training", paramLabel = "NAME", description = "the training to run (needed when the file has several)")
	String training;

	@Option(names = "--epochs", paramLabel = "N", description = "override the training's epochs")
	Integer epochs;

	@Option(names = "--take", paramLabel = "N", description = "train on the first N samples only (validation on N/4): a quick check")
	Integer take;

	@Option(names = "--batch", paramLabel = "N", description = "override the training's batch size")
	Integer batch;

	@Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue the run in RUN_DIR from its last checkpoint")
	Path resume;

	@Option(names = "--init", paramLabel = "WEIGHTS.zip",
			description = "start from these weights (nnet import's NAME.weights.zip, or a run's checkpoint) instead of drawing them")
	Path init;

	@Option(names = "--threads", paramLabel = "N", description = "threads of the training JVM's native kernels (OpenMP, OpenBLAS); default 1, "
			+ "which measures fastest for the examples on 2 cores (docs/benchmarks.md)")
	int threads = 1;

	@Option(names = "--runs", paramLabel = "DIR", description = "where run folders go (default: runs)")
	Path runs = Path.of("runs");

	@Option(names = "--jvm-opt", paramLabel = "OPTION", description = "an option for the training JVM, e.g. --jvm-opt=-Xmx8g "
			+ "(repeatable; given after nnet's own, so -Xmx here wins over the default -Xmx4g)")
	List<String> jvmOptions = new ArrayList<>();

	PrintStream out = System.out;
	PrintStream err = System.err;

	@Override
	public Integer call() throws IOException, InterruptedException {
		if (init != null && resume != null) {
			err.println("nnet train: --init starts a new run and --resume continues one: give one of them");
			return 2;
		}
		if (epochs != null && epochs < 1 || take != null && take < 1 || batch != null && batch < 1 || threads < 1) {
			err.println("nnet train: --epochs, --take, --batch and --threads take a positive integer");
			return 2;
		}
		RuntimeClasspath runtime;
		try {
			runtime = RuntimeClasspath.locate();
		} catch (RuntimeClasspath.MissingRuntimeException e) {
			err.println("nnet train: " + e.getMessage());
			return 2;
		}
		Path runDir;
		Properties program = new Properties();
		if (resume != null) {
			runDir = resume;
			Path saved = runDir.resolve(PROGRAM_FILE);
			if (!Files.isRegularFile(saved)) {
				err.println("nnet train: " + runDir + " is not a run folder of nnet train (it has no " + PROGRAM_FILE + ")");
				return 2;
			}
			String refused = resumable(runDir, program);
			if (refused != null) {
				err.println("nnet train: " + refused);
				return 1;
			}
			out.println("Resuming " + program.getProperty("training") + " in " + runDir);
		} else {
			if (file == null) {
				err.println("nnet train: name a .nnet file, or a run folder with --resume");
				return 2;
			}
			Training t;
			try {
				t = TrainingSelection.select(file, training, err);
			} catch (TrainingSelection.NotSelectedException e) {
				err.println("nnet train: " + e.getMessage());
				return e.exitCode;
			}
			// the data files against the model, before a run folder exists: a bad file costs seconds, not a failed run
			List<String> dataProblems = DataPreflight.check(file, t);
			if (!dataProblems.isEmpty()) {
				dataProblems.forEach(err::println);
				err.println("nnet train: the data does not fit the training; nothing was trained");
				return 1;
			}
			GeneratedProgram generated;
			try {
				generated = new TrainingGenerator().generate(t);
			} catch (GeneratorException e) {
				err.println(GenerateCommand.place(file, e.where()) + ": error: " + e.getMessage());
				return 1;
			}
			String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
			runDir = runs.resolve(safe(t.getName())).resolve(stamp);
			for (int i = 2; Files.exists(runDir); i++) {
				runDir = runs.resolve(safe(t.getName())).resolve(stamp + "-" + i);
			}
			try {
				String failed = writeRun(runDir, generated, runtime, program);
				if (failed != null) {
					AtomicFiles.deleteTree(runDir);
					err.println("nnet train: the generated program does not compile (please report it with the .nnet file):\n" + failed);
					return 2;
				}
			} catch (IOException e) {
				AtomicFiles.deleteTree(runDir);
				err.println("nnet train: cannot write the run folder " + runDir + " (" + reason(e) + "); nothing was trained");
				return 1;
			}
			if (init != null) {
				String refused = InitialCheckpoint.place(init, runDir);
				if (refused != null) {
					err.println("nnet train: " + refused);
					return 1;
				}
			}
			out.println("Training " + generated.trainingName() + " in " + runDir + (init == null ? "" : ", starting from " + init));
		}
		try {
			return run(runtime, runDir, program.getProperty("mainClass"), program.getProperty("training"));
		} catch (IOException e) {
			err.println("nnet train: cannot use the run folder " + runDir + " (" + reason(e) + ")");
			return 1;
		}
	}

	/**
	 * Reads the run folder's program into {@code program} and applies its saved options; says in one sentence
	 * why the folder cannot be resumed (damaged program.properties, no checkpoint, a training still writing it),
	 * or returns null.
	 */
	private String resumable(Path runDir, Properties program) {
		Path saved = runDir.resolve(PROGRAM_FILE);
		try (var in = Files.newBufferedReader(saved, StandardCharsets.UTF_8)) {
			program.load(in);
		} catch (IOException | IllegalArgumentException e) {
			return saved + " cannot be read (" + e.getMessage() + "): it is not a run folder of nnet train";
		}
		String mainClass = program.getProperty("mainClass", "");
		String name = program.getProperty("training", "");
		if (!mainClass.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*") || name.isBlank()) {
			return saved + " is empty or damaged (it names no training and main class): it cannot be resumed; start a new run";
		}
		try {
			if (epochs == null && program.getProperty("epochs") != null) {
				epochs = Integer.valueOf(program.getProperty("epochs").trim());
			}
			if (take == null && program.getProperty("take") != null) {
				take = Integer.valueOf(program.getProperty("take").trim());
			}
			if (batch == null && program.getProperty("batch") != null) {
				batch = Integer.valueOf(program.getProperty("batch").trim());
			}
		} catch (NumberFormatException e) {
			return saved + " is damaged (epochs, take or batch is not a whole number: " + e.getMessage() + ")";
		}
		if (!Files.isDirectory(runDir.resolve("classes"))) {
			return runDir + " has no compiled program (classes/): it cannot be resumed; start a new run";
		}
		try {
			if (CheckpointFiles.list(runDir).isEmpty()) {
				return runDir + " has no checkpoint to resume from (checkpoints/epoch-N.zip): start a new run instead";
			}
		} catch (IOException e) {
			return runDir.resolve(CheckpointFiles.FOLDER) + " cannot be listed (" + e.getMessage() + ")";
		}
		if (RunLock.isHeld(runDir)) {
			return "another training is still writing to " + runDir + ": wait for it to end or stop it before resuming";
		}
		return null;
	}

	/** Writes the program's source, classes and program.properties into a new run folder; a compiler's message, or null. */
	private String writeRun(Path runDir, GeneratedProgram generated, RuntimeClasspath runtime, Properties program) throws IOException {
		Path source = runDir.resolve("src").resolve(generated.relativePath());
		Files.createDirectories(source.getParent());
		AtomicFiles.writeString(source, generated.source());
		String failed = ProgramCompiler.compile(List.of(source), runDir.resolve("classes"), runtime.entries());
		if (failed != null) {
			return failed;
		}
		program.setProperty("training", generated.trainingName());
		program.setProperty("mainClass", generated.qualifiedName());
		program.setProperty("source", file.toAbsolutePath().toString());
		if (epochs != null) {
			program.setProperty("epochs", epochs.toString());
		}
		if (take != null) {
			program.setProperty("take", take.toString());
		}
		if (batch != null) {
			program.setProperty("batch", batch.toString());
		}
		AtomicFiles.write(runDir.resolve(PROGRAM_FILE), tmp -> {
			try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
				program.store(w, "nnet train: the program of this run, for --resume");
			}
		});
		return null;
	}

	/** An I/O failure in words: the exception's message, or its kind when it has none. */
	static String reason(IOException e) {
		String m = e.getMessage();
		if (e instanceof java.nio.file.AccessDeniedException) {
			return "permission denied: " + m;
		}
		if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
			return f.getReason() + ": " + f.getFile();
		}
		return m == null ? e.getClass().getSimpleName() : m;
	}

	private static String safe(String name) {
		return name == null ? "training" : name.replaceAll("[^A-Za-z0-9_.-]", "_");
	}

	private int run(RuntimeClasspath runtime, Path runDir, String mainClass, String trainingName) throws IOException, InterruptedException {
		List<MetricsLine> seen = new ArrayList<>();
		Deque<String> lastErrors = new ArrayDeque<>();
		int exit;
		String token = MetricsChannel.newToken();
		// a resumed run keeps the log of the first part: the new part is appended
		OpenOption[] logMode = resume != null ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND} : new OpenOption[0];
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				TrainingProgress progress = new TrainingProgress(out);
				PrintWriter log = new PrintWriter(Files.newBufferedWriter(runDir.resolve("train.log"), StandardCharsets.UTF_8, logMode), true)) {
			List<String> command = runtime.javaCommand(runDir.resolve("classes"), jvmOptions);
			command.add(mainClass);
			command.add("--run-dir");
			command.add(runDir.toAbsolutePath().toString());
			command.add("--metrics-port");
			command.add(Integer.toString(server.getLocalPort()));
			if (epochs != null) {
				command.add("--epochs");
				command.add(epochs.toString());
			}
			if (take != null) {
				command.add("--take");
				command.add(take.toString());
			}
			if (batch != null) {
				command.add("--batch");
				command.add(batch.toString());
			}
			if (resume != null || init != null) {
				// --init placed the weights as the checkpoint of epoch 0
				command.add("--resume");
			}
			ProcessBuilder pb = new ProcessBuilder(command);
			// one thread by default: small models on 2 cores (docs/benchmarks.md)
			RuntimeClasspath.threads(pb, threads);
			// the metrics socket's secret, in the environment (not on the command line, which every user can read)
			pb.environment().put(SocketMetrics.TOKEN_ENV, token);
			// the training JVM exits when this process dies, even by kill -9
			pb.environment().put(ParentWatch.ENV, "1");
			Process child = pb.start();
			Thread stdout = pump(child.getInputStream(), line -> {
				if (line.startsWith(PLAN)) {
					try {
						JsonObject o = JsonParser.parseString(line.substring(PLAN.length())).getAsJsonObject();
						progress.plan(o.get("batches").getAsLong(), o.get("epochs").getAsInt());
						out.println(o.get("samples").getAsLong() + " training samples, " + o.get("batches").getAsLong()
								+ " batches per epoch");
					} catch (RuntimeException e) {
						log.println(line);
					}
				} else {
					log.println(line);
				}
			});
			Thread stderr = pump(child.getErrorStream(), line -> {
				log.println(line);
				synchronized (lastErrors) {
					lastErrors.addLast(line);
					if (lastErrors.size() > 20) {
						lastErrors.removeFirst();
					}
				}
			});
			Thread metrics = new Thread(() -> readMetrics(server, token, child, progress, seen), "nnet-metrics");
			metrics.setDaemon(true);
			metrics.start();
			Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
			exit = child.waitFor();
			stdout.join();
			stderr.join();
			metrics.join(5000);
		}
		Path jsonl = runDir.resolve("metrics.jsonl");
		List<MetricsLine> all = Files.exists(jsonl) ? MetricsLine.read(jsonl) : seen;
		boolean curves = false;
		if (!all.isEmpty()) {
			try {
				// drawn beside and moved into place: a full disk leaves no cut-off curves.png
				AtomicFiles.write(runDir.resolve("curves.png"), tmp -> LossCurves.write(all, tmp, trainingName));
				curves = Files.isRegularFile(runDir.resolve("curves.png"));
			} catch (IOException e) {
				err.println("nnet train: could not write curves.png (" + reason(e) + ")");
			} catch (RuntimeException e) {
				err.println("nnet train: could not draw curves.png (" + e.getMessage() + ")");
			}
		}
		if (exit != 0) {
			err.println("nnet train: the training stopped (exit code " + exit + "); the end of " + runDir.resolve("train.log") + ":");
			synchronized (lastErrors) {
				lastErrors.stream().filter(l -> !l.startsWith("WARNING")).forEach(err::println);
			}
			return 1;
		}
		out.println("Run folder " + runDir + ": metrics.jsonl, " + (curves ? "curves.png, " : "") + "checkpoints/, model.samediff, src/");
		return 0;
	}

	private static void readMetrics(ServerSocket server, String token, Process child, TrainingProgress progress, List<MetricsLine> seen) {
		try {
			Socket socket = MetricsChannel.accept(server, token, child::isAlive);
			if (socket == null) {
				return;
			}
			try (Socket s = socket;
					BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					MetricsLine m = MetricsLine.parse(line);
					if (m != null) {
						seen.add(m);
						progress.onRecord(m);
					}
				}
			}
		} catch (IOException e) {
			// the child went away: its exit code and train.log say why
		}
	}

	private interface LineSink {
		void accept(String line);
	}

	private static Thread pump(InputStream stream, LineSink sink) {
		Thread t = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					sink.accept(line);
				}
			} catch (IOException e) {
				// the child closed its stream
			}
		}, "nnet-child-output");
		t.setDaemon(true);
		t.start();
		return t;
	}
}
