package org.nnet.ui.launch;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.nnet.generator.GeneratedProgram;
import org.nnet.generator.GeneratorException;
import org.nnet.generator.TrainingGenerator;
import org.nnet.model.Element;
import org.nnet.model.Model;
import org.nnet.model.Training;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.preferences.NnetPreferences;
import org.nnet.ui.training.TrainingRun;
import org.nnet.ui.training.TrainingRuns;

/**
 * Runs a training: generates its program into the project's {@code src-gen/}, compiles it into a new run
 * folder {@code runs/<training>/<timestamp>/}, and starts it in a child JVM on the runtime's classpath as
 * an {@link IProcess} (Console, Terminate, launch history come from the platform). A {@link TrainingJob}
 * reads the program's metrics from a loopback socket into a {@link TrainingRun} the Training view shows.
 */
public final class TrainingLaunchDelegate extends LaunchConfigurationDelegate {

	/** The process type of training JVMs. */
	public static final String PROCESS_TYPE = "org.nnet.training";

	@Override
	public void launch(ILaunchConfiguration config, String mode, ILaunch launch, IProgressMonitor monitor) throws CoreException {
		try {
			start(config, launch, monitor);
		} catch (CoreException e) {
			TrainingConsole.print(e.getStatus().getMessage());
			throw e;
		}
	}

	private void start(ILaunchConfiguration config, ILaunch launch, IProgressMonitor monitor) throws CoreException {
		IFile file = file(config.getAttribute(TrainingLaunchConfiguration.FILE, ""));
		Training training = training(file, config.getAttribute(TrainingLaunchConfiguration.TRAINING, ""));
		GeneratedProgram program;
		try {
			program = new TrainingGenerator().generate(training);
		} catch (GeneratorException e) {
			throw abort(file.getFullPath() + ": " + e.getMessage());
		}
		List<Path> runtime;
		try {
			runtime = RuntimeFolder.classpath();
		} catch (RuntimeFolder.MissingRuntimeException e) {
			throw abort(e.getMessage());
		}
		IProject project = file.getProject();
		IFile source = writeSource(project, program, monitor);
		Path projectDir = project.getLocation().toPath();
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		Path runs = projectDir.resolve("runs").resolve(program.trainingName().replaceAll("[^A-Za-z0-9_.-]", "_"));
		Path runDir = runs.resolve(stamp);
		for (int i = 2; Files.exists(runDir); i++) {
			runDir = runs.resolve(stamp + "-" + i);
		}
		String epochs = config.getAttribute(TrainingLaunchConfiguration.EPOCHS, "").trim();
		String take = config.getAttribute(TrainingLaunchConfiguration.TAKE, "").trim();
		try {
			String failed = ProgramCompilation.compile(List.of(source.getLocation().toPath()), runDir.resolve("classes"), runtime);
			if (failed != null) {
				throw abort("The generated program of " + program.trainingName() + " does not compile (please report it with "
						+ file.getName() + "):\n" + failed);
			}
			Properties p = new Properties();
			p.setProperty("training", program.trainingName());
			p.setProperty("mainClass", program.qualifiedName());
			p.setProperty("source", file.getLocation().toOSString());
			if (!epochs.isEmpty()) {
				p.setProperty("epochs", epochs);
			}
			if (!take.isEmpty()) {
				p.setProperty("take", take);
			}
			try (var w = Files.newBufferedWriter(runDir.resolve("program.properties"), StandardCharsets.UTF_8)) {
				p.store(w, "NNet Studio: the program of this run (nnet train --resume reads it)");
			}
		} catch (IOException e) {
			throw abort("Cannot write the run folder " + runDir + ": " + e.getMessage());
		}

		ServerSocket server;
		try {
			server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		} catch (IOException e) {
			throw abort("Cannot open a local socket for the training's metrics: " + e.getMessage());
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String jvm = config.getAttribute(TrainingLaunchConfiguration.JVM_OPTIONS, "");
		for (String o : (jvm.isBlank() ? NnetPreferences.get(NnetPreferences.JVM_OPTIONS) : jvm).trim().split("\\s+")) {
			if (!o.isEmpty()) {
				command.add(o);
			}
		}
		command.add("-Djava.awt.headless=true");
		command.add("--enable-native-access=ALL-UNNAMED");
		if (Runtime.version().feature() >= 23) {
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		List<String> cp = new ArrayList<>();
		cp.add(runDir.resolve("classes").toString());
		runtime.forEach(r -> cp.add(r.toString()));
		command.add("-cp");
		command.add(String.join(File.pathSeparator, cp));
		command.add(program.qualifiedName());
		command.addAll(List.of("--run-dir", runDir.toString(), "--metrics-port", Integer.toString(server.getLocalPort()),
				"--data-dir", file.getParent().getLocation().toOSString()));
		if (!epochs.isEmpty()) {
			command.addAll(List.of("--epochs", epochs));
		}
		if (!take.isEmpty()) {
			command.addAll(List.of("--take", take));
		}
		Map<String, String> env = new HashMap<>(DebugPlugin.getDefault().getLaunchManager().getNativeEnvironmentCasePreserved());
		// small models on few cores: OpenMP threads from the preferences, sleeping when idle (BUILD-NOTES, ND4J)
		env.put("OMP_NUM_THREADS", Integer.toString(NnetPreferences.threads()));
		env.put("OMP_WAIT_POLICY", "PASSIVE");
		// the metrics socket's secret (not on the command line, which every local user can read)
		String token = MetricsHandshake.newToken();
		env.put(MetricsHandshake.TOKEN_ENV, token);
		// the training JVM exits when the IDE does, even when the IDE is killed
		env.put(MetricsHandshake.EXIT_WITH_PARENT_ENV, "1");
		String cache = config.getAttribute(TrainingLaunchConfiguration.DATA_CACHE, "");
		if (cache.isBlank()) {
			cache = NnetPreferences.get(NnetPreferences.DATA_CACHE);
		}
		if (cache != null && !cache.isBlank()) {
			env.put("NNET_DATASET_CACHE", cache);
		}
		String[] envp = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		Process child = DebugPlugin.exec(command.toArray(String[]::new), projectDir.toFile(), envp);
		TrainingOutput output;
		try {
			output = new TrainingOutput(child, runDir);
		} catch (IOException e) {
			child.destroyForcibly();
			throw abort("Cannot write the log of the run folder " + runDir + ": " + e.getMessage());
		}
		Map<String, String> attributes = new HashMap<>();
		attributes.put(IProcess.ATTR_PROCESS_TYPE, PROCESS_TYPE);
		attributes.put(IProcess.ATTR_CMDLINE, String.join(" ", command));
		IProcess process = DebugPlugin.newProcess(launch, output, program.trainingName() + " (" + stamp + ")", attributes);
		TrainingRun run = new TrainingRun(program.trainingName(), runDir, TrainingRun.State.RUNNING);
		run.attach(launch);
		TrainingRuns.started(run);
		showView();
		new TrainingJob(run, server, token, process, project, output).schedule();
		output.say("Training " + program.trainingName() + ": run folder " + projectDir.relativize(runDir) + ", the whole output in its "
				+ TrainingOutput.LOG);
		output.start(program.trainingName());
	}

	private static void showView() {
		if (!org.eclipse.ui.PlatformUI.isWorkbenchRunning()) {
			return;
		}
		org.eclipse.ui.PlatformUI.getWorkbench().getDisplay().asyncExec(() -> {
			var window = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow();
			if (window != null && window.getActivePage() != null) {
				try {
					window.getActivePage().showView(org.nnet.ui.training.TrainingView.ID, null,
							org.eclipse.ui.IWorkbenchPage.VIEW_VISIBLE);
				} catch (org.eclipse.ui.PartInitException e) {
					TrainingConsole.print("The Training view could not be opened: " + e.getMessage());
				}
			}
		});
	}

	private static IFile file(String path) throws CoreException {
		if (path.isBlank()) {
			throw abort("The launch configuration names no .nnet file: choose one on its Training tab.");
		}
		IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(path);
		if (!(r instanceof IFile f) || !f.exists()) {
			throw abort("The launch configuration names " + path + ", which does not exist: choose a .nnet file on its Training tab.");
		}
		return f;
	}

	/** The names of a file's trainings, in file order (empty when it cannot be parsed). */
	public static List<String> trainingNames(IFile file) {
		ProjectSources sources = ProjectSources.of(file.getProject());
		return trainings(sources.resource(file)).stream().map(Training::getName).toList();
	}

	private static List<Training> trainings(Resource resource) {
		List<Training> out = new ArrayList<>();
		if (resource != null && !resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Model m) {
			for (Element e : m.getElements()) {
				if (e instanceof Training t) {
					out.add(t);
				}
			}
		}
		return out;
	}

	private static Training training(IFile file, String name) throws CoreException {
		ProjectSources sources = ProjectSources.of(file.getProject());
		List<Issue> errors = sources.validate(file).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
		if (!errors.isEmpty()) {
			Issue first = errors.get(0);
			throw abort(file.getFullPath() + ":" + first.getLineNumber() + ": " + first.getMessage() + "\n" + file.getName() + " has "
					+ errors.size() + (errors.size() == 1 ? " error" : " errors")
					+ ": fix them (the Problems view lists them) before training.");
		}
		List<Training> all = trainings(sources.resource(file));
		if (all.isEmpty()) {
			throw abort(file.getFullPath() + " declares no training: add a training block.");
		}
		if (name == null || name.isBlank()) {
			if (all.size() > 1) {
				throw abort(file.getFullPath() + " has several trainings (" + String.join(", ", all.stream().map(Training::getName).toList())
						+ "): choose one on the launch configuration's Training tab.");
			}
			return all.get(0);
		}
		return all.stream().filter(t -> name.equals(t.getName())).findFirst().orElseThrow(() -> abort(file.getFullPath()
				+ " has no training named " + name + ": it has " + String.join(", ", all.stream().map(Training::getName).toList()) + "."));
	}

	/** Writes the program under src-gen/ (derived: the user's files are never touched) and returns it. */
	private static IFile writeSource(IProject project, GeneratedProgram program, IProgressMonitor monitor) throws CoreException {
		IFolder srcGen = project.getFolder("src-gen");
		IFile java = srcGen.getFile(program.relativePath());
		create(java.getParent(), monitor);
		byte[] bytes = program.source().getBytes(StandardCharsets.UTF_8);
		if (java.exists()) {
			java.setContents(new ByteArrayInputStream(bytes), IResource.FORCE, monitor);
		} else {
			java.create(new ByteArrayInputStream(bytes), IResource.FORCE | IResource.DERIVED, monitor);
		}
		srcGen.setDerived(true, monitor);
		return java;
	}

	private static void create(IContainer c, IProgressMonitor monitor) throws CoreException {
		if (c instanceof IFolder f && !f.exists()) {
			create(f.getParent(), monitor);
			f.create(IResource.FORCE | IResource.DERIVED, true, monitor);
		}
	}

	private static CoreException abort(String message) {
		return new CoreException(Status.error(message));
	}

}
