package org.nnet.cli.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The parameters in a run's checkpoint ({@code checkpoints/epoch-NNNN.zip}, written by the runtime's
 * {@code Checkpoints}): entries {@code params/NETWORK/NAME} in ND4J's array format, read without ND4J.
 */
public final class CheckpointWeights {

	private CheckpointWeights() {
	}

	/** The newest checkpoint of a run folder, or null. */
	public static Path latest(Path runDir) throws IOException {
		Path dir = runDir.resolve("checkpoints");
		if (!Files.isDirectory(dir)) {
			return null;
		}
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> all = s.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.zip")).sorted().toList();
			return all.isEmpty() ? null : all.get(all.size() - 1);
		}
	}

	/** The parameters (and batch norms' running statistics) of one network of the checkpoint, by runtime name. */
	public static Map<String, Tensor> read(Path checkpoint, String network) throws IOException {
		Map<String, Tensor> out = new LinkedHashMap<>();
		String prefix = "params/" + network + "/";
		try (InputStream raw = Files.newInputStream(checkpoint); ZipInputStream zip = new ZipInputStream(raw)) {
			ZipEntry e;
			while ((e = zip.getNextEntry()) != null) {
				if (e.getName().startsWith(prefix)) {
					out.put(e.getName().substring(prefix.length()), NdArrayFormat.read(zip.readAllBytes()));
				}
			}
		}
		return out;
	}
}
