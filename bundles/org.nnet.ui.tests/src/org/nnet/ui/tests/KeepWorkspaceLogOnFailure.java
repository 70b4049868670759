package org.nnet.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** On a failed test: a screenshot of the workbench and a copy of the workspace log, under target/. */
public class KeepWorkspaceLogOnFailure implements TestWatcher {

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		String name = context.getRequiredTestMethod().getName();
		try {
			TestWorkbench.screenshot("FAILED-" + name);
		} catch (RuntimeException e) {
			// no screenshot: the log still says what happened
		}
		try {
			Path log = Platform.getLogFileLocation().toPath();
			if (Files.exists(log)) {
				Path copy = TestWorkbench.outputFolder().resolve("workspace-log-" + name + ".log");
				Files.createDirectories(copy.getParent());
				Files.copy(log, copy, StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (Exception e) {
			System.err.println("Could not copy the workspace log: " + e);
		}
	}
}
