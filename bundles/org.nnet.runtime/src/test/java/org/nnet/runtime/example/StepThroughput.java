package org.nnet.runtime.example;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.graph.Activation;
import org.nnet.runtime.graph.Network;
import org.nnet.runtime.metrics.MetricsRecord;
import org.nnet.runtime.train.Optimizer;
import org.nnet.runtime.train.SupervisedTask;
import org.nnet.runtime.train.Trainer;
import org.nnet.runtime.train.TrainingOptions;

/**
 * Training throughput of the compiled step against the graph step on the networks of examples/mnist (mlp.nnet,
 * lenet5.nnet, built as the generator writes them) and synthetic MNIST-shaped data: per epoch, samples per second of
 * wall time and of the training thread's CPU time from the end of batch 1 (with one OpenMP thread the work runs on that
 * thread, so the CPU figure is the meaningful one on a loaded machine). Run with {@code -Dnnet.step=graph} for the graph.
 *
 * <p>Usage: {@code java -cp target/test-classes:target/classes:target/lib/* org.nnet.runtime.example.StepThroughput mlp|lenet5 SAMPLES EPOCHS}
 */
public final class StepThroughput {
    private StepThroughput() {
    }

    /** mlp.nnet's network and loss (dropout rate 0.2 there). */
    public static Network mlp(long seed, DataType type, double dropout) {
        Network net = new Network(seed, type);
        SDVariable x = net.flatten("flatten", net.input("features", 1, 28, 28));
        x = net.dense("dense_1", x, 256, Activation.RELU);
        x = net.dropout("dropout", x, dropout);
        SDVariable digits = net.dense("digits", x, 10, Activation.SOFTMAX);
        net.crossEntropy("loss", digits, net.input("labels", 10));
        return net;
    }

    /** lenet5.nnet's network and loss. */
    public static Network lenet5(long seed, DataType type) {
        Network net = new Network(seed, type);
        SDVariable x = net.input("features", 1, 28, 28);
        x = net.conv2d("c1", x, 6, 5, 1, -1, Activation.TANH);
        x = net.avgPool2d("s2", x, 2);
        x = net.conv2d("c3", x, 16, 5, 1, 0, Activation.TANH);
        x = net.avgPool2d("s4", x, 2);
        x = net.flatten("flatten", x);
        x = net.dense("f5", x, 120, Activation.TANH);
        x = net.dense("f6", x, 84, Activation.TANH);
        SDVariable digits = net.dense("digits", x, 10, Activation.SOFTMAX);
        net.crossEntropy("loss", digits, net.input("labels", 10));
        return net;
    }

    public static void main(String[] args) {
        if (args[0].equals("firstconv-ab")) {
            firstConvAb(Integer.parseInt(args[1]));
            return;
        }
        String model = args[0];
        int samples = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        boolean lenet = model.equals("lenet5");
        Dataset train = SyntheticDigits.make(samples, 3);
        TrainingOptions options = new TrainingOptions().epochs(epochs).batch(lenet ? 64 : 128).seed(lenet ? 5 : 1)
                .optimizer(lenet ? Optimizer.sgd(0.05, 0.9, false) : Optimizer.adam(1e-3)).metrics("accuracy");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] start = new long[2];
        int batch = options.batch();
        options.listener(r -> {
            if (r.type() == MetricsRecord.Type.BATCH && r.batch() == 1) {
                start[0] = mx.getCurrentThreadCpuTime();
                start[1] = System.nanoTime();
            } else if (r.type() == MetricsRecord.Type.EPOCH) {
                double cpu = (mx.getCurrentThreadCpuTime() - start[0]) / 1e9;
                double wall = (System.nanoTime() - start[1]) / 1e9;
                long timed = samples - batch;
                System.out.println(String.format(Locale.ROOT,
                        "{\"model\":\"%s\",\"step\":\"%s\",\"epoch\":%d,\"samples_per_sec\":%.1f,\"samples_per_cpu_sec\":%.1f,\"loss\":%.5f}",
                        model, System.getProperty("nnet.step", "compiled"), r.epoch(), timed / wall, timed / cpu,
                        r.metrics().get("loss")));
            }
        });
        Network net = lenet ? lenet5(options.seed(), DataType.FLOAT) : mlp(options.seed(), DataType.FLOAT, 0.2);
        new Trainer(new SupervisedTask(net, "digits", "loss", "labels"), options).fit(train, null);
    }

    /**
     * LeNet-5's compiled step with its first convolution's weight gradient by im2col + matmul (-Dnnet.firstconv=im2col),
     * by ND4J's conv2d_bp (=op) and as a convolution (the default), batch by batch in turn in one JVM so that all see the
     * same load: CPU time per batch.
     */
    private static void firstConvAb(int batches) {
        Dataset data = SyntheticDigits.make(64 * 50, 3);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] variants = {"im2col", "op", null};
        SupervisedTask[] tasks = new SupervisedTask[variants.length];
        long[] cpu = new long[variants.length];
        for (int k = 0; k < variants.length; k++) {
            tasks[k] = new SupervisedTask(lenet5(5, DataType.FLOAT), "digits", "loss", "labels");
            tasks[k].prepare(Optimizer.sgd(0.05, 0.9, false), org.nnet.runtime.train.Regularization.NONE, java.util.Set.of("accuracy"));
        }
        Dataset.Batches all = data.batches(64, 1);
        for (int b = 0; b < batches; b++) {
            for (int k = 0; k < variants.length; k++) {
                if (variants[k] != null) {
                    System.setProperty("nnet.firstconv", variants[k]);
                }
                long t0 = mx.getCurrentThreadCpuTime();
                tasks[k].trainBatch(all.get(b % all.size()));
                if (b >= 5) {
                    cpu[k] += mx.getCurrentThreadCpuTime() - t0;
                }
                System.clearProperty("nnet.firstconv");
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"im2col_ms_per_batch\":%.3f,\"conv2d_bp_ms_per_batch\":%.3f,\"as_conv_ms_per_batch\":%.3f}",
                cpu[0] / 1e6 / (batches - 5), cpu[1] / 1e6 / (batches - 5), cpu[2] / 1e6 / (batches - 5)));
    }
}
