package org.nnet.core.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.nnet.model.LayerStep;

/**
 * The semantic difference of two versions of a model (network, autoencoder or GAN): which nodes were added,
 * removed or changed, and how (kind, arguments, inputs, output shape, parameter count), as opposed to which lines
 * of text changed. Models are matched by qualified name; nodes by the name the user gave them, and the others
 * (named {@code dense_2} and so on, which shift when a layer is inserted) by aligning the two sequences of nodes
 * like a text diff aligns lines, two nodes being alike when their kind and arguments are.
 *
 * @param name     the model's qualified name
 * @param status   added, removed, changed or same
 * @param before   the model before, or {@code null} when added
 * @param after    the model after, or {@code null} when removed
 * @param changes  the nodes that differ, in the order of the later version (removed ones where they were)
 */
public record ModelDiff(String name, Status status, ModelReport before, ModelReport after, List<NodeChange> changes) {

    /** What happened to a model or a node. */
    public enum Status {
        ADDED, REMOVED, CHANGED, SAME
    }

    /** What can differ between two versions of a node. */
    public enum Aspect {
        KIND, ARGUMENTS, INPUTS, SHAPE, PARAMETERS
    }

    /**
     * One node that differs.
     *
     * @param status  added, removed or changed
     * @param before  the node before, or {@code null} when added
     * @param after   the node after, or {@code null} when removed
     * @param aspects what changed (empty unless changed)
     */
    public record NodeChange(Status status, NodeReport before, NodeReport after, List<Aspect> aspects) {
        /** The node's name in the later version, or in the earlier one when it was removed. */
        public String name() {
            return after != null ? after.name() : before.name();
        }
    }

    /** Above this many pairs of unnamed nodes to align, they are matched by their generated names only. */
    private static final long ALIGN_LIMIT = 4_000_000;

    /** The differences between two versions of a set of models, in the order of the later one (removed ones last). */
    public static List<ModelDiff> compare(List<ModelReport> before, List<ModelReport> after) {
        Map<String, ModelReport> old = new LinkedHashMap<>();
        for (ModelReport r : before) {
            old.putIfAbsent(r.qualifiedName(), r);
        }
        List<ModelDiff> diffs = new ArrayList<>();
        for (ModelReport r : after) {
            ModelReport o = old.remove(r.qualifiedName());
            diffs.add(o == null ? new ModelDiff(r.qualifiedName(), Status.ADDED, null, r, List.of()) : compare(o, r));
        }
        for (ModelReport o : old.values()) {
            diffs.add(new ModelDiff(o.qualifiedName(), Status.REMOVED, o, null, List.of()));
        }
        return diffs;
    }

    /** The differences between two versions of one model. */
    public static ModelDiff compare(ModelReport before, ModelReport after) {
        List<NodeReport> a = nodes(before);
        List<NodeReport> b = nodes(after);
        Map<NodeReport, NodeReport> match = new HashMap<>(); // after -> before
        Map<String, NodeReport> named = new HashMap<>();
        for (NodeReport n : a) {
            if (!n.generatedName()) {
                named.put(n.name(), n);
            }
        }
        for (NodeReport n : b) {
            NodeReport o = n.generatedName() ? null : named.get(n.name());
            if (o != null) {
                match.put(n, o);
            }
        }
        Set<NodeReport> matchedA = matched(match);
        List<NodeReport> restA = a.stream().filter(n -> !matchedA.contains(n)).toList();
        List<NodeReport> restB = b.stream().filter(n -> !match.containsKey(n)).toList();
        align(restA, restB, match);

        Map<String, String> renamed = new HashMap<>(); // a node's name before -> after
        match.forEach((n, o) -> renamed.put(o.name(), n.name()));
        List<NodeChange> changes = new ArrayList<>();
        for (NodeReport n : b) {
            NodeReport o = match.get(n);
            if (o == null) {
                changes.add(new NodeChange(Status.ADDED, null, n, List.of()));
            } else {
                List<Aspect> aspects = aspects(o, n, renamed);
                if (!aspects.isEmpty()) {
                    changes.add(new NodeChange(Status.CHANGED, o, n, aspects));
                }
            }
        }
        Set<NodeReport> matchedBefore = matched(match);
        for (NodeReport o : a) {
            if (!matchedBefore.contains(o)) {
                changes.add(new NodeChange(Status.REMOVED, o, null, List.of()));
            }
        }
        boolean same = changes.isEmpty() && Objects.equals(before.trainable(), after.trainable())
                && Objects.equals(before.total(), after.total());
        return new ModelDiff(after.qualifiedName(), same ? Status.SAME : Status.CHANGED, before, after, changes);
    }

    /** The earlier nodes that have a match (a set: looking values up in the map would make large models quadratic). */
    private static Set<NodeReport> matched(Map<NodeReport, NodeReport> match) {
        Set<NodeReport> set = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        set.addAll(match.values());
        return set;
    }

    /** The nodes of a model that a diff compares: its layers, inputs and a VAE's gaussian, in source order. */
    private static List<NodeReport> nodes(ModelReport r) {
        List<NodeReport> nodes = new ArrayList<>(r.nodes());
        if (r.gaussian() != null && !nodes.contains(r.gaussian())) {
            nodes.add(r.gaussian());
        }
        return nodes;
    }

    /**
     * Matches the nodes left over after matching names as a text diff matches lines: the longest common subsequence
     * of alike nodes, then, between two matched nodes, the ones removed and added there pairwise (a layer replaced
     * by another counts as changed). Past {@link #ALIGN_LIMIT}, nodes of equal (generated) name are matched instead.
     */
    private static void align(List<NodeReport> a, List<NodeReport> b, Map<NodeReport, NodeReport> match) {
        if ((long) a.size() * b.size() > ALIGN_LIMIT) {
            Map<String, NodeReport> byName = new HashMap<>();
            a.forEach(n -> byName.put(n.name(), n));
            for (NodeReport n : b) {
                NodeReport o = byName.remove(n.name());
                if (o != null) {
                    match.put(n, o);
                }
            }
            return;
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = alike(a.get(i), b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<NodeReport> gapA = new ArrayList<>();
        List<NodeReport> gapB = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && alike(a.get(i), b.get(j))) {
                pair(gapA, gapB, match);
                match.put(b.get(j++), a.get(i++));
            } else if (j >= b.size() || i < a.size() && lcs[i + 1][j] >= lcs[i][j + 1]) {
                gapA.add(a.get(i++));
            } else {
                gapB.add(b.get(j++));
            }
        }
        pair(gapA, gapB, match);
    }

    /** Pairs the nodes removed and added between the same two matched nodes, in order; empties both gaps. */
    private static void pair(List<NodeReport> gapA, List<NodeReport> gapB, Map<NodeReport, NodeReport> match) {
        for (int k = 0; k < Math.min(gapA.size(), gapB.size()); k++) {
            if ("input".equals(gapA.get(k).kind()) == "input".equals(gapB.get(k).kind())) {
                match.put(gapB.get(k), gapA.get(k));
            }
        }
        gapA.clear();
        gapB.clear();
    }

    private static boolean alike(NodeReport x, NodeReport y) {
        return x.kind().equals(y.kind()) && sameArguments(x.source(), y.source());
    }

    /** What differs between two matched nodes; inputs are compared through the match (a renamed input is the same). */
    private static List<Aspect> aspects(NodeReport o, NodeReport n, Map<String, String> renamed) {
        List<Aspect> aspects = new ArrayList<>();
        if (!o.kind().equals(n.kind())) {
            aspects.add(Aspect.KIND);
        }
        if (!sameArguments(o.source(), n.source())) {
            aspects.add(Aspect.ARGUMENTS);
        }
        if (!o.inputs().stream().map(in -> renamed.getOrDefault(in, in)).toList().equals(n.inputs())) {
            aspects.add(Aspect.INPUTS);
        }
        if (!Objects.equals(String.valueOf(o.shape()), String.valueOf(n.shape()))) {
            aspects.add(Aspect.SHAPE);
        }
        if (!Objects.equals(o.trainable(), n.trainable()) || !Objects.equals(o.total(), n.total())) {
            aspects.add(Aspect.PARAMETERS);
        }
        return aspects;
    }

    /** Whether two steps call the same thing with structurally equal arguments (inputs compare equal here). */
    private static boolean sameArguments(EObject x, EObject y) {
        if (!(x instanceof LayerStep s) || !(y instanceof LayerStep t)) {
            return !(x instanceof LayerStep) && !(y instanceof LayerStep);
        }
        return s.isCall() == t.isCall() && EcoreUtil.equals(s.getArgs(), t.getArgs());
    }
}
