package org.nnet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.nnet.generator.GeneratedProgram;
import org.nnet.generator.GeneratorException;
import org.nnet.generator.ProjectWriter;
import org.nnet.generator.TrainingGenerator;
import org.nnet.model.Training;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nnet generate FILE [--training NAME] -o DIR}: the training program as a standalone Maven project. */
@Command(name = "generate", mixinStandardHelpOptions = true,
		description = "Write a training's program as a standalone Maven project (pom.xml, src/main/java, the runtime in lib/, run.sh).")
public final class GenerateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "FILE", description = "the .nnet file")
	Path file;

	@Option(names = "--training", paramLabel = "NAME", description = "the training to generate (needed when the file has several)")
	String training;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "DIR", description = "the project folder to write")
	Path output;

	@Option(names = "--force", description = "replace the files of an earlier project in DIR (pom.xml, README.md, run.sh, the program)")
	boolean force;

	PrintStream out = System.out;
	PrintStream err = System.err;

	@Override
	public Integer call() {
		Training t;
		try {
			t = TrainingSelection.select(file, training, err);
		} catch (TrainingSelection.NotSelectedException e) {
			err.println("nnet generate: " + e.getMessage());
			return e.exitCode;
		}
		GeneratedProgram program;
		try {
			program = new TrainingGenerator().generate(t);
		} catch (GeneratorException e) {
			err.println(place(file, e.where()) + ": error: " + e.getMessage());
			return 1;
		}
		Path tmp = null;
		try {
			RuntimeClasspath runtime = RuntimeClasspath.locate();
			// the whole project is written beside DIR first, then moved in: a full disk leaves no half project
			Path parent = output.toAbsolutePath().normalize().getParent();
			if (parent == null) {
				err.println("nnet generate: " + output + " is the root folder: name a project folder, e.g. -o my-training");
				return 2;
			}
			Files.createDirectories(parent);
			tmp = Files.createTempDirectory(parent, ".nnet-generate-");
			ProjectWriter.write(program, tmp, runtime.jar());
			List<Path> files = AtomicFiles.files(tmp);
			List<Path> existing = files.stream().filter(f -> !f.startsWith("lib") && Files.exists(output.resolve(f))).toList();
			if (!existing.isEmpty() && !force) {
				err.println("nnet generate: " + output + " already has " + existing.stream().map(Path::toString).sorted()
						.collect(Collectors.joining(", ")) + ": give --force to replace them, or another folder");
				return 1;
			}
			for (Path f : files) {
				Path target = output.resolve(f);
				Files.createDirectories(target.getParent());
				AtomicFiles.move(tmp.resolve(f), target);
			}
			output.resolve("run.sh").toFile().setExecutable(true);
		} catch (RuntimeClasspath.MissingRuntimeException e) {
			err.println("nnet generate: " + e.getMessage());
			return 2;
		} catch (IOException e) {
			err.println("nnet generate: cannot write " + output + " (" + TrainCommand.reason(e) + ")");
			return 1;
		} finally {
			if (tmp != null) {
				AtomicFiles.deleteTree(tmp);
			}
		}
		out.println("Wrote " + output + ": " + program.qualifiedName() + " (src/main/java/" + program.relativePath() + "), pom.xml, lib/, run.sh");
		out.println("Build and run it with: cd " + output + " && ./run.sh --take 500 --epochs 1");
		return 0;
	}

	/** {@code file:line:column} of a model object (the file's start when unknown). */
	static String place(Path file, EObject where) {
		ICompositeNode node = where == null ? null : NodeModelUtils.getNode(where);
		if (node == null) {
			return file + ":1:1";
		}
		String text = node.getRootNode().getText();
		int offset = node.getOffset();
		int column = offset - text.lastIndexOf('\n', Math.max(0, offset - 1));
		return file + ":" + node.getStartLine() + ":" + column;
	}
}
