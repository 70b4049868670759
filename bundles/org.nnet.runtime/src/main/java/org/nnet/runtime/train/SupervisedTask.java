package org.nnet.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nnet.runtime.graph.Network;

/**
 * A network trained on inputs and targets. The graph has a placeholder per data set field it
 * reads (inputs and the target field), an output node and a scalar loss node.
 */
public final class SupervisedTask implements Task {
    private final Network net;
    private final String output;
    private final String loss;
    private final String targetField;
    private GraphStep step;
    private CompiledStep compiled;
    private Set<String> metrics = Set.of();

    /**
     * @param net         the network, with a placeholder named like the target field
     * @param output      name of the output node (probabilities or values)
     * @param loss        name of the scalar loss node
     * @param targetField name of the data set field with the targets
     */
    public SupervisedTask(Network net, String output, String loss, String targetField) {
        this.net = net;
        this.output = output;
        this.loss = loss;
        this.targetField = targetField;
        net.sd().setLossVariables(loss);
    }

    @Override
    public Map<String, Network> networks() {
        return Map.of("model", net);
    }

    @Override
    public void prepare(Optimizer optimizer, Regularization regularization, Set<String> metrics) {
        this.step = new GraphStep(net, optimizer, regularization);
        this.metrics = metrics;
        CompiledStep.Compilation c = CompiledStep.compile(net, output, loss, step.params);
        this.compiled = c.step();
        System.out.println(c.describe());
    }

    @Override
    public Map<String, Optimizer> optimizers() {
        return Map.of("model", step.optimizer);
    }

    @Override
    public Map<String, Double> trainBatch(Map<String, INDArray> batch) {
        if (compiled != null) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", compiled.forwardBackward(batch));
            GraphStep.addMetrics(m, metrics, compiled.output(), batch.get(targetField));
            if (Double.isFinite(m.get("loss"))) {
                step.update(compiled.gradients());
            }
            return m;
        }
        OutAndGrad r = step.gradients(step.feeds(batch, true), List.of(loss, output));
        Map<String, Double> m = result(r.getOutputs(), batch);
        if (Double.isFinite(m.get("loss"))) {
            step.update(r.getGradients());
        }
        return m;
    }

    @Override
    public Map<String, Double> evaluateBatch(Map<String, INDArray> batch) {
        return result(net.sd().output(step.feeds(batch, false), loss, output), batch);
    }

    private Map<String, Double> result(Map<String, INDArray> outputs, Map<String, INDArray> batch) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", GraphStep.scalar(outputs.get(loss)));
        GraphStep.addMetrics(m, metrics, outputs.get(output), batch.get(targetField));
        return m;
    }

    /** The compiled step in use, or null when the graph step trains. */
    CompiledStep compiled() {
        return compiled;
    }

    @Override
    public String locateNonFinite(Map<String, INDArray> batch) {
        if (compiled != null) {
            return compiled.locate();
        }
        return step.locate(step.feeds(batch, true));
    }
}
