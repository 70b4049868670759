package org.nnet.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnet.model.Model;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** Every example of the language reference parses and links without a syntax or name error. */
@ExtendWith(InjectionExtension.class)
@InjectWith(NnetInjectorProvider.class)
public class ExamplesParseTest {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	static List<Path> examples() {
		return Examples.files();
	}

	@Test
	void theSevenReferenceExamplesArePresent() {
		List<String> names = Examples.files().stream().map(p -> p.getFileName().toString()).toList();
		for (String expected : List.of("autoencoders.nnet", "char_lstm.nnet", "gan.nnet", "inception.nnet",
				"lenet5.nnet", "mlp.nnet", "seq2seq_attention.nnet")) {
			assertFalse(!names.contains(expected), expected + " missing from " + Examples.folder());
		}
	}

	@ParameterizedTest
	@MethodSource("examples")
	void parsesAndLinks(Path file) throws Exception {
		XtextResourceSet set = resourceSets.get();
		Model model = parser.parse(Examples.read(file), URI.createFileURI(file.toString()), set);
		assertNotNull(model, file.toString());
		Resource resource = model.eResource();
		org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(resource);
		String errors = resource.getErrors().stream()
				.map(e -> e.getLine() + ": " + e.getMessage()).collect(Collectors.joining("\n"));
		assertEquals("", errors, file.toString());
	}
}
