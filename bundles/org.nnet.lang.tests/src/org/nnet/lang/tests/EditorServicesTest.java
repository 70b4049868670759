package org.nnet.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.nnet.lang.ide.NnetIdeSetup;
import org.nnet.lang.ide.RefusedException;
import org.nnet.lang.ide.TextEdit;
import org.nnet.lang.ide.format.NnetDocumentFormatter;
import org.nnet.lang.ide.navigation.NnetNavigation;
import org.nnet.lang.ide.outline.NnetOutline;
import org.nnet.lang.ide.outline.OutlineEntry;
import org.nnet.lang.ide.rename.NnetRename;
import org.nnet.model.Network;
import org.nnet.model.Symbol;

import com.google.inject.Injector;

/** Outline, go to definition, find references, format and rename: the UI-free services the editor calls. */
public class EditorServicesTest {

	private static final Injector INJECTOR = new NnetIdeSetup().createInjectorAndDoEMFRegistration();

	private static final String ENCODER = CrossFileSample.ENCODER;
	private static final String USES = """
			package other
			import cross.Encoder

			network Uses {
			    input z: [8]
			    z -> Encoder as e -> dense(2)
			    output e
			}

			network Again {
			    input z: [8]
			    z -> cross.Encoder as e
			    output e
			}
			""";

	@Test
	void theOutlineListsPackageNetworksAndNodesWithShapesAndCounts() throws IOException {
		XtextResourceSet set = set();
		XtextResource mlp = load(set, "mlp.nnet", Examples.read(Examples.folder().resolve("mnist/mlp.nnet")));
		List<OutlineEntry> top = INJECTOR.getInstance(NnetOutline.class).entries(mlp);
		assertEquals(1, top.size());
		OutlineEntry pkg = top.get(0);
		assertEquals("package", pkg.kind());
		OutlineEntry network = pkg.children().stream().filter(e -> e.name().equals("Mlp")).findFirst().orElseThrow();
		assertTrue(network.detail().contains("203,530 params"), network.label());
		OutlineEntry dense = network.children().stream().filter(e -> e.kind().equals("dense")).findFirst().orElseThrow();
		assertTrue(dense.label().contains("[256] · 200,960 params · 402.2 kFLOPs"), dense.label()); // 2 x 200,960 + 256 relu
		String text = mlp.getParseResult().getRootNode().getText();
		assertEquals("dense", text.substring(dense.nameOffset(), dense.nameOffset() + 5), "selecting it selects the layer");
		OutlineEntry training = pkg.children().stream().filter(e -> e.kind().equals("training")).findFirst().orElseThrow();
		assertTrue(training.detail().matches(".* · ~[0-9.]+ MB at batch 128"), training.detail());
		assertTrue(pkg.children().stream().anyMatch(e -> e.kind().equals("dataset")), pkg.children().toString());
	}

	@Test
	void aReferenceLeadsToItsDeclarationInAnotherFileAndBuiltinsLeadNowhere() throws IOException {
		XtextResource[] files = twoFiles();
		XtextResource encoder = files[0], uses = files[1];
		NnetNavigation navigation = INJECTOR.getInstance(NnetNavigation.class);
		int at = USES.indexOf("Encoder as e") + 2;
		NnetNavigation.Link link = navigation.linkAt(uses, at);
		assertNotNull(link);
		assertEquals(USES.indexOf("Encoder as e"), link.offset());
		assertEquals(encoder.getURI(), link.declaration().uri());
		assertEquals(ENCODER.indexOf("Encoder"), link.declaration().offset());
		assertEquals(4, link.declaration().line());
		assertNull(navigation.linkAt(uses, USES.indexOf("dense(2)") + 1), "dense is a built-in");
		NnetNavigation.Link local = navigation.linkAt(uses, USES.indexOf("output e") + 7);
		assertEquals(USES.indexOf("Encoder as e") + "Encoder as ".length(), local.declaration().offset());
	}

	@Test
	void findReferencesListsEveryUseAcrossFiles() throws IOException {
		XtextResourceSet set = set();
		XtextResource encoder = load(set, "a.nnet", ENCODER);
		load(set, "b.nnet", USES);
		EcoreUtil.resolveAll(set);
		NnetNavigation navigation = INJECTOR.getInstance(NnetNavigation.class);
		Symbol target = navigation.declarationAt(encoder, ENCODER.indexOf("Encoder") + 1);
		assertTrue(target instanceof Network, String.valueOf(target));
		List<NnetNavigation.Location> refs = navigation.references(target, set.getResources());
		assertEquals(List.of(6, 12), refs.stream().map(NnetNavigation.Location::line).toList(), refs.toString());
		assertTrue(refs.stream().allMatch(r -> r.uri().lastSegment().equals("b.nnet")));
	}

	@Test
	void formatGivesMinimalEditsAndRefusesOnSyntaxErrors() throws Exception {
		NnetDocumentFormatter formatter = INJECTOR.getInstance(NnetDocumentFormatter.class);
		String messy = "package t\nnetwork   N {\ninput x: [3]\n   x ->dense(2) as y\noutput y }\n";
		XtextResource resource = load(set(), "f.nnet", messy);
		String formatted = TextEdit.apply(messy, formatter.format(resource));
		assertTrue(formatted.contains("network N {\n    input x: [3]\n    x -> dense(2) as y\n"), formatted);
		assertEquals(List.of(), formatter.format(load(set(), "g.nnet", formatted)), "formatting is idempotent");
		var refused = assertThrows(RefusedException.class,
				() -> formatter.format(load(set(), "h.nnet", "network N {\n input x: [3\n")));
		assertTrue(refused.getMessage().startsWith("Not formatted: line "), refused.getMessage());
	}

	@Test
	void renameChangesTheDeclarationEveryReferenceAndTheImportAcrossFiles() throws Exception {
		XtextResource[] files = twoFiles();
		XtextResource encoder = files[0], uses = files[1];
		NnetNavigation navigation = INJECTOR.getInstance(NnetNavigation.class);
		Symbol target = navigation.declarationAt(uses, USES.indexOf("Encoder as e") + 1);
		Map<URI, List<TextEdit>> edits = INJECTOR.getInstance(NnetRename.class).rename(target, "Coder");
		assertEquals(ENCODER.replace("Encoder", "Coder"), TextEdit.apply(ENCODER, edits.get(encoder.getURI())));
		// the serializer re-spells a qualified reference as short as the import allows
		assertEquals(USES.replace("cross.Encoder as", "Encoder as").replace("Encoder", "Coder"),
				TextEdit.apply(USES, edits.get(uses.getURI())));
		assertTrue(edits.get(uses.getURI()).stream().allMatch(e -> e.text().contains("Coder")), "minimal edits: " + edits);
	}

	@Test
	void renameOfANodeStaysInItsNetworkAndBadNamesAreRefused() throws Exception {
		XtextResourceSet set = set();
		XtextResource encoder = load(set, "a.nnet", ENCODER);
		NnetNavigation navigation = INJECTOR.getInstance(NnetNavigation.class);
		NnetRename rename = INJECTOR.getInstance(NnetRename.class);
		Symbol code = navigation.declarationAt(encoder, ENCODER.indexOf("output code") + 8);
		assertEquals("code", code.getName());
		Map<URI, List<TextEdit>> edits = rename.rename(code, "latent");
		assertEquals(ENCODER.replace("as code", "as latent").replace("output code", "output latent"),
				TextEdit.apply(ENCODER, edits.get(encoder.getURI())));
		assertTrue(rename.checkName(code, "x").contains("already declared as a input in a.nnet line 5"),
				rename.checkName(code, "x"));
		assertTrue(rename.checkName(code, "2x").contains("not a name"));
		assertTrue(rename.checkName(code, "network").contains("keyword"));
		assertTrue(rename.checkName(code, "relu").contains("built-in"));
		assertThrows(RefusedException.class, () -> rename.rename(code, "x"));
		assertFalse(ENCODER.contains("latent"));
	}

	/** a.nnet (ENCODER) and b.nnet (USES) in one resource set. */
	private static XtextResource[] twoFiles() throws IOException {
		XtextResourceSet set = set();
		return new XtextResource[] { load(set, "a.nnet", ENCODER), load(set, "b.nnet", USES) };
	}

	private static XtextResourceSet set() {
		return INJECTOR.getInstance(XtextResourceSet.class);
	}

	private static XtextResource load(XtextResourceSet set, String name, String text) throws IOException {
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("inmemory:/" + name));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		return resource;
	}
}
