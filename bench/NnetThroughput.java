import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Locale;

import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.metrics.MetricsRecord;
import org.nnet.runtime.train.ProgramArguments;
import org.nnet.runtime.train.Task;
import org.nnet.runtime.train.Trainer;
import org.nnet.runtime.train.TrainingOptions;

/**
 * Throughput of a generated training program (docs/benchmarks.md, "Training"): runs the generated class's
 * own task(), options() and trainingData() through the runtime's Trainer, exactly as its main() does, but
 * without validation or a run folder, and reports per epoch the Trainer's own samples/s (wall) plus the
 * CPU time of the training thread from the end of batch 1 to the end of the epoch's last batch (with one
 * OpenMP thread ND4J, OpenBLAS and oneDNN compute on the calling thread, so that is the work itself,
 * without the time spent waiting for a core on a loaded machine; JIT and GC threads are not counted).
 *
 * Usage: java [-Dnnet.step=graph] -cp RUN/classes:bench/classes:RUNTIME_JAR:RUNTIME_LIB/* NnetThroughput MAIN_CLASS TAKE EPOCHS
 */
public final class NnetThroughput {
    public static void main(String[] args) throws Exception {
        Class<?> program = Class.forName(args[0]);
        int take = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        ProgramArguments run = ProgramArguments.parse(new String[0], "/tmp/nnet-throughput-unused", ".");
        Method taskM = program.getMethod("task", long.class);
        Method optionsM = program.getMethod("options");
        Method dataM = program.getMethod("trainingData", ProgramArguments.class);
        Dataset train = ((Dataset) dataM.invoke(null, run)).take(take);
        TrainingOptions options = ((TrainingOptions) optionsM.invoke(null)).epochs(epochs);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String model = program.getSimpleName();
        // -Dnnet.step=graph trains on the SameDiff graph instead of the compiled step (the runtime's log line says which ran)
        String impl = "graph".equals(System.getProperty("nnet.step")) ? "nnet-graph" : "nnet";
        int batch = options.batch();
        long[] cpuStart = new long[1];
        long[] wallStart = new long[1];
        options.listener(r -> {
            if (r.type() == MetricsRecord.Type.BATCH && r.batch() == 1) {
                cpuStart[0] = mx.getCurrentThreadCpuTime();
                wallStart[0] = System.nanoTime();
            } else if (r.type() == MetricsRecord.Type.EPOCH) {
                double cpu = (mx.getCurrentThreadCpuTime() - cpuStart[0]) / 1e9;
                double wall = (System.nanoTime() - wallStart[0]) / 1e9;
                long samples = Math.min((long) take, train.size()) - batch; // batches 2..N
                System.out.println(String.format(Locale.ROOT,
                        "{\"impl\":\"%s\",\"model\":\"%s\",\"epoch\":%d,\"samples\":%d,\"samples_per_sec\":%.1f,"
                                + "\"timed_samples\":%d,\"wall_s\":%.4f,\"cpu_s\":%.4f,\"samples_per_cpu_sec\":%.1f,\"loss\":%.5f,\"accuracy\":%.5f}",
                        impl, model, r.epoch(), train.size(), r.samplesPerSec(), samples, wall, cpu, samples / cpu,
                        r.metrics().getOrDefault("loss", Double.NaN), r.metrics().getOrDefault("accuracy", Double.NaN)));
            }
        });
        Task task = (Task) taskM.invoke(null, options.seed());
        new Trainer(task, options).fit(train, null);
    }
}
