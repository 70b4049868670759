package org.nnet.core.tests;

import org.nnet.lang.tests.Examples;
import org.nnet.lang.tests.NnetInjectorProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnet.model.Model;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Every file of {@code examples/} validates with no error and no warning, loaded together with
 * the others (as in a project) so that names resolve across files.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(NnetInjectorProvider.class)
public class ExamplesValidateTest {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private ValidationTestHelper validator;

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	static List<Path> examples() {
		return Examples.files();
	}

	@Test
	void theExamplesFolderHasFiles() {
		assertFalse(Examples.files().isEmpty(), "no .nnet files under " + Examples.folder());
	}

	@ParameterizedTest
	@MethodSource("examples")
	void validatesWithoutIssues(Path file) throws Exception {
		XtextResourceSet set = resourceSets.get();
		Model model = null;
		for (Path each : Examples.files()) {
			Model m = parser.parse(Examples.read(each), URI.createFileURI(each.toString()), set);
			if (each.equals(file)) {
				model = m;
			}
		}
		List<Issue> issues = new ArrayList<>(validator.validate(model));
		String listed = issues.stream().map(i -> file.getFileName() + ":" + i.getLineNumber() + ": " + i.getSeverity() + " "
				+ i.getCode() + ": " + i.getMessage()).collect(Collectors.joining("\n"));
		assertEquals("", listed, "issues of " + file);
		validator.assertNoIssues(model);
	}
}
