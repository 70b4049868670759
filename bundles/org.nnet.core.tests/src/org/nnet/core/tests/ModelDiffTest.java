package org.nnet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.core.inference.ModelDiff;
import org.nnet.core.inference.ModelDiff.Aspect;
import org.nnet.core.inference.ModelDiff.NodeChange;
import org.nnet.core.inference.ModelDiff.Status;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.ShapeInference;
import org.nnet.lang.tests.NnetInjectorProvider;
import org.nnet.model.Element;
import org.nnet.model.Model;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** {@link ModelDiff}: two versions of a model compared node by node. */
@ExtendWith(InjectionExtension.class)
@InjectWith(NnetInjectorProvider.class)
public class ModelDiffTest {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private Provider<ResourceSet> sets;

	private final ShapeInference inference = new ShapeInference();

	private static final String MLP = """
			network Mlp {
			    input x: [784]
			    x -> dense(256, activation: relu) -> dense(128, activation: relu) -> dense(10, activation: softmax) as y
			    output y
			}
			""";

	@Test
	void aLayerInsertedAmongUnnamedOnesIsAddedAndNothingElseChangesButWhatItFeeds() throws Exception {
		ModelDiff d = diff(MLP, MLP.replace("-> dense(128, activation: relu)", "-> dropout(0.2) -> dense(128, activation: relu)"));
		assertEquals(Status.CHANGED, d.status());
		assertEquals(List.of("+dropout_1", "~dense_2"), summary(d));
		assertEquals(List.of(Aspect.INPUTS), d.changes().get(1).aspects());
	}

	@Test
	void aLayerReplacedByAnotherKindIsOneChange() throws Exception {
		ModelDiff d = diff(MLP, MLP.replace("dense(128, activation: relu)", "maxout(128)"));
		// y's input is now named maxout_1 instead of dense_2: the same node, so y does not change
		assertEquals(List.of("~maxout_1"), summary(d));
		NodeChange c = d.changes().get(0);
		assertEquals("dense_2", c.before().name());
		assertEquals(List.of(Aspect.KIND, Aspect.ARGUMENTS, Aspect.PARAMETERS), c.aspects());
	}

	@Test
	void aNarrowerLayerChangesItsShapeAndTheNextCount() throws Exception {
		ModelDiff d = diff(MLP, MLP.replace("dense(128,", "dense(64,"));
		assertEquals(List.of("~dense_2", "~y"), summary(d));
		assertEquals(List.of(Aspect.ARGUMENTS, Aspect.SHAPE, Aspect.PARAMETERS), d.changes().get(0).aspects());
		assertEquals(List.of(Aspect.PARAMETERS), d.changes().get(1).aspects());
		assertEquals(Long.valueOf(784 * 256 + 256 + 256 * 64 + 64 + 64 * 10 + 10), d.after().total());
	}

	@Test
	void sameTextDiffersInNothing() throws Exception {
		assertEquals(Status.SAME, diff(MLP, MLP.replace("    ", "\t")).status());
	}

	@Test
	void modelsAddedAndRemovedAreListed() throws Exception {
		String other = MLP.replace("Mlp", "Other");
		List<ModelDiff> d = ModelDiff.compare(reports(MLP), reports(other));
		assertEquals(2, d.size());
		assertEquals(Status.ADDED, d.get(0).status());
		assertEquals("Other", d.get(0).name());
		assertEquals(Status.REMOVED, d.get(1).status());
		assertEquals("Mlp", d.get(1).name());
	}

	private ModelDiff diff(String before, String after) throws Exception {
		return ModelDiff.compare(reports(before).get(0), reports(after).get(0));
	}

	private List<ModelReport> reports(String text) throws Exception {
		Model model = parser.parse(text, sets.get());
		assertNotNull(model);
		List<ModelReport> reports = new ArrayList<>();
		for (Element e : model.getElements()) {
			reports.add(inference.infer(e));
		}
		return reports;
	}

	private static List<String> summary(ModelDiff d) {
		return d.changes().stream().map(c -> switch (c.status()) {
			case ADDED -> "+";
			case REMOVED -> "-";
			default -> "~";
		} + c.name()).toList();
	}
}
