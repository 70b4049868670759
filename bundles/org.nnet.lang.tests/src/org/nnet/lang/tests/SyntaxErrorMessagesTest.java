package org.nnet.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.model.Model;

import com.google.inject.Inject;

/** Parse errors read as sentences: what was expected, what was found, which bracket is open since which line. */
@ExtendWith(InjectionExtension.class)
@InjectWith(NnetInjectorProvider.class)
public class SyntaxErrorMessagesTest {

	@Inject
	private ParseHelper<Model> parser;

	private List<Resource.Diagnostic> errors(String text) throws Exception {
		return parser.parse(text).eResource().getErrors();
	}

	private String messages(String text) throws Exception {
		return errors(text).stream().map(d -> d.getLine() + ": " + d.getMessage()).collect(Collectors.joining("\n"));
	}

	@Test
	void anUnclosedCallSaysWhichCallAndLine() throws Exception {
		String m = messages("""
				package p

				network Mlp {
				    input x: [784]
				    x -> dense(128, activation: relu)
				         -> dense(10, activation: softmax
				    output y
				}
				""");
		assertTrue(m.startsWith("7: expected ')' to close dense( at line 6, found 'output'"), m);
	}

	@Test
	void anUnclosedBlockAtTheEndOfTheFileSaysWhichBlock() throws Exception {
		String m = messages("network Mlp {\n    input x: [4]\n    x -> dense(2) as y\n    output y\n");
		assertTrue(m.contains("'}' to close network Mlp { at line 1, found the end of the file"), m);
	}

	@Test
	void textAfterTheLastBlockIsNotMissingEof() throws Exception {
		String m = messages("network Mlp {\n    input x: [4]\n    output x\n}\n(");
		assertEquals("5: '(' is not expected here: a file holds imports and network, autoencoder, gan, dataset and training blocks", m);
		String brace = messages("network Mlp {\n    input x: [4]\n    output x\n}\n}\n");
		assertTrue(brace.endsWith("(is there one '}' too many?)"), brace);
	}

	@Test
	void aByteOrderMarkAtTheStartIsWhiteSpace() throws Exception {
		assertEquals("", messages("\uFEFFpackage p\n\nnetwork Mlp {\n    input x: [4]\n    output x\n}\n"));
	}

	/** Every example cut short at several places: no message in ANTLR's words. */
	@Test
	void examplesCutShortGiveNoAntlrWording() throws Exception {
		List<String> antlr = new ArrayList<>();
		int checked = 0;
		for (Path file : Examples.files()) {
			String text = Examples.read(file);
			for (int i = 1; i < 12; i++) {
				String cut = text.substring(0, text.length() * i / 12);
				for (Resource.Diagnostic d : errors(cut)) {
					checked++;
					String m = d.getMessage().toLowerCase(Locale.ROOT);
					if (m.contains("eof") || m.contains("mismatched") || m.contains("viable") || m.contains("extraneous")
							|| m.contains("rule_") || m.contains("loop did not match")) {
						antlr.add(file.getFileName() + " cut at " + cut.length() + ": " + d.getMessage());
					}
				}
			}
		}
		assertTrue(checked > 20, "cut examples give syntax errors: " + checked);
		assertEquals("", String.join("\n", antlr));
	}
}
