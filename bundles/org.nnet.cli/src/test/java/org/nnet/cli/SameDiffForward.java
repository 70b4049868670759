package org.nnet.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.graph.Network;
import org.nnet.runtime.train.Task;

/**
 * Run in a child JVM on the runtime's classpath by the ONNX tests: builds a generated program's network, moves every
 * parameter and running statistic away from its initial value (so that biases and batch norms are not trivially zero
 * or one), saves them as a checkpoint of the run folder in the runtime's format, and writes the network's outputs at
 * inference for the inputs of a file. Arguments: mainClass seed runDir inputName outputName inputs.bin outputs.bin
 * [initial] (with {@code initial}, the weights stay as the network drew them).
 * Files: {@code int n, int rank, int dims..., values} (floats, or ints for token inputs when the input is INT32).
 */
public final class SameDiffForward {

	public static void main(String[] args) throws Exception {
		Class<?> program = Class.forName(args[0]);
		long seed = Long.parseLong(args[1]);
		Path runDir = Path.of(args[2]);
		String inputName = args[3], outputName = args[4];
		Task task = (Task) program.getMethod("task", long.class).invoke(null, seed);
		Network net = task.networks().get("model");
		Nd4j.getRandom().setSeed(seed + 17);
		List<String> saved = new ArrayList<>(net.parameterNames());
		saved.addAll(net.stateNames());
		boolean perturb = args.length < 8 || !"initial".equals(args[7]);
		for (String p : perturb ? saved : List.<String>of()) {
			INDArray a = net.sd().getVariable(p).getArr();
			INDArray noise = Nd4j.rand(a.dataType(), a.shape()).subi(0.5).muli(0.2);
			if (p.endsWith("/running_var") || p.endsWith("/gamma")) {
				a.assign(Nd4j.rand(a.dataType(), a.shape()).addi(0.5));
			} else {
				a.addi(noise);
			}
		}
		Path dir = Files.createDirectories(runDir.resolve("checkpoints"));
		try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("epoch-0001.zip"))))) {
			zip.putNextEntry(new ZipEntry("progress.json"));
			zip.write("{\"epoch\":1,\"bestLoss\":1.0,\"epochsWithoutImprovement\":0,\"stopped\":false}".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			for (String p : saved) {
				zip.putNextEntry(new ZipEntry("params/model/" + p));
				ByteArrayOutputStream buf = new ByteArrayOutputStream();
				Nd4j.write(buf, net.sd().getVariable(p).getArr());
				zip.write(buf.toByteArray());
				zip.closeEntry();
			}
		}
		boolean tokens = net.sd().getVariable(inputName).dataType().isIntType();
		INDArray x;
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[5]))))) {
			int n = in.readInt(), rank = in.readInt();
			long[] shape = new long[rank];
			long size = 1;
			for (int i = 0; i < rank; i++) {
				shape[i] = in.readInt();
				size *= shape[i];
			}
			if (tokens) {
				int[] v = new int[(int) size];
				for (int i = 0; i < v.length; i++) {
					v[i] = in.readInt();
				}
				x = Nd4j.createFromArray(v).reshape(shape).castTo(DataType.INT32);
			} else {
				float[] v = new float[(int) size];
				for (int i = 0; i < v.length; i++) {
					v[i] = in.readFloat();
				}
				x = Nd4j.createFromArray(v).reshape(shape);
			}
			if (shape[0] != n) {
				throw new IOException("bad input file");
			}
		}
		Map<String, INDArray> feeds = new HashMap<>(net.noiseFeeds(x.size(0), false));
		feeds.put(inputName, x);
		INDArray y = net.sd().output(feeds, outputName).get(outputName).castTo(DataType.FLOAT);
		try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[6]))))) {
			out.writeInt((int) y.size(0));
			out.writeInt(y.rank());
			for (long d : y.shape()) {
				out.writeInt((int) d);
			}
			for (float f : y.dup('c').data().asFloat()) {
				out.writeFloat(f);
			}
		}
		System.exit(0);
	}
}
