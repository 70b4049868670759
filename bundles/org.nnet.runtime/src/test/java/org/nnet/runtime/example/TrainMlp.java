package org.nnet.runtime.example;

import java.nio.file.Path;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.data.Partition;
import org.nnet.runtime.data.Sources;
import org.nnet.runtime.graph.Activation;
import org.nnet.runtime.graph.Network;
import org.nnet.runtime.train.Optimizer;
import org.nnet.runtime.train.SupervisedTask;
import org.nnet.runtime.train.Trainer;
import org.nnet.runtime.train.TrainingOptions;
import org.nnet.runtime.train.TrainingResult;

/**
 * Training TrainMlp of examples/mnist/mlp.nnet, written by hand as the generator will write it.
 * Network Mlp: 203,530 trainable parameters.
 */
public final class TrainMlp {
    private TrainMlp() {
    }

    /** Builds network Mlp with its loss; the label placeholder is named after the data field. */
    public static Network mlp(long seed) {
        Network net = new Network(seed);
        SDVariable image = net.input("features", 1, 28, 28);                      // [1, 28, 28]
        SDVariable x = net.flatten("flatten", image);                            // [784]
        x = net.dense("dense_1", x, 256, Activation.RELU);                       // [256]      200,960
        x = net.dropout("dropout", x, 0.2);                                      // [256]
        SDVariable digits = net.dense("digits", x, 10, Activation.SOFTMAX);      // [10]         2,570
        SDVariable labels = net.input(Dataset.LABELS, 10);
        net.crossEntropy("loss", digits, labels);
        return net;
    }

    /** The training's settings. */
    public static TrainingOptions options(Path runDir) {
        return new TrainingOptions()
                .optimizer(Optimizer.adam(1e-3))
                .batch(128)
                .epochs(3)
                .metrics("accuracy")
                .seed(1)
                .runDir(runDir);
    }

    /** Trains on the given data (the generated main() loads Digits(split: train / test)). */
    public static TrainingResult train(Dataset train, Dataset validation, TrainingOptions options) {
        Network net = mlp(options.seed());
        return new Trainer(new SupervisedTask(net, "digits", "loss", Dataset.LABELS), options).fit(train, validation);
    }

    /** What the generated program's main does. */
    public static void main(String[] args) {
        Dataset train = Sources.mnist().load(Partition.TRAIN);
        Dataset validation = Sources.mnist().load(Partition.TEST);
        TrainingResult r = train(train, validation, options(Path.of(args.length > 0 ? args[0] : "runs/TrainMlp")));
        System.out.println(r.epochs().get(r.epochs().size() - 1).toJson());
    }
}
