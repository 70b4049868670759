package org.nnet.diagram.glsp.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnet.diagram.glsp.FileText;
import org.nnet.diagram.glsp.GlspConnection;

/**
 * The string JSON-RPC connection outlives messages it cannot read: no exception escapes its thread (nothing on
 * standard error) and the next request is still answered.
 */
class GlspConnectionTest {

	@Test
	void aMessageTheServerCannotReadDoesNotEndTheConnection(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("tiny.nnet");
		Files.writeString(file, "network Tiny {\n    input x: [4]\n    x -> dense(2) as y\n    output y\n}\n", StandardCharsets.UTF_8);
		List<String> sent = new CopyOnWriteArrayList<>();
		java.io.PrintStream err = System.err;
		java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
		System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
		try (GlspConnection connection = new GlspConnection(new FileText(file, null), sent::add)) {
			connection.fromClient("{ this is not json");
			connection.fromClient("{\"jsonrpc\":\"2.0\",\"method\":\"process\",\"params\":{\"clientId\":\"c\",\"action\":{\"kind\":\"noSuchAction\"}}}");
			connection.fromClient("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"applicationId\":\"test\",\"protocolVersion\":\"1.0.0\"}}");
			long end = System.currentTimeMillis() + 20_000;
			while (sent.stream().noneMatch(m -> m.contains("\"id\":7") && m.contains("\"result\"")) && System.currentTimeMillis() < end) {
				Thread.sleep(20);
			}
			assertTrue(sent.stream().anyMatch(m -> m.contains("\"id\":7") && m.contains("\"result\"")),
					"the initialize request after two unreadable messages is answered: " + sent);
		} finally {
			System.setErr(err);
		}
		String stderr = captured.toString(StandardCharsets.UTF_8);
		assertFalse(stderr.contains("Exception in thread"), stderr);
	}
}
