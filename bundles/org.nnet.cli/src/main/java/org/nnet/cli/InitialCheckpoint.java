package org.nnet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * {@code nnet train --init WEIGHTS.zip}: the weights (from {@code nnet import}, or a checkpoint of a run of the same
 * network) become the new run's checkpoint of epoch 0, and the training program starts from it as it resumes a run:
 * epoch 1 is the first trained, with fresh optimizer state. The runtime refuses weights of parameters the model does
 * not have.
 */
final class InitialCheckpoint {
	/** What an epoch-0 checkpoint says about progress: nothing trained, no best loss yet. */
	private static final String PROGRESS = "{\"epoch\":0,\"bestLoss\":1.7976931348623157E308,\"epochsWithoutImprovement\":0,\"stopped\":false}";

	private InitialCheckpoint() {
	}

	/** Writes {@code runDir/checkpoints/epoch-0000.zip} from the weights; returns null, or why the file cannot serve. */
	static String place(Path weights, Path runDir) throws IOException {
		Path dir = Files.createDirectories(runDir.resolve("checkpoints"));
		Path tmp = dir.resolve("epoch-0000.zip.tmp");
		int parameters = 0;
		try (InputStream raw = Files.newInputStream(weights); ZipInputStream in = new ZipInputStream(raw);
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
			out.putNextEntry(new ZipEntry("progress.json"));
			out.write(PROGRESS.getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
			ZipEntry e;
			while ((e = in.getNextEntry()) != null) {
				// the network's parameters only: a checkpoint's optimizer state belongs to its own run
				if (e.getName().startsWith("params/")) {
					out.putNextEntry(new ZipEntry(e.getName()));
					out.write(in.readAllBytes());
					out.closeEntry();
					parameters++;
				}
			}
		} catch (IOException e) {
			Files.deleteIfExists(tmp);
			return weights + " is not a weights file of nnet import or a checkpoint (" + e.getMessage() + ")";
		}
		if (parameters == 0) {
			Files.deleteIfExists(tmp);
			return weights + " holds no parameters (params/model/...): give NAME.weights.zip of nnet import or a run's checkpoint";
		}
		Files.move(tmp, dir.resolve("epoch-0000.zip"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		return null;
	}
}
