package org.nnet.ui.launch;

import java.io.IOException;

import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;

/** The "NNet Training" console: what goes wrong before a training's JVM exists (its own output has the process console). */
public final class TrainingConsole {

	/** The console's name. */
	public static final String NAME = "NNet Training";

	private TrainingConsole() {
	}

	/** The console, created on first use. */
	public static synchronized MessageConsole console() {
		for (IConsole c : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
			if (NAME.equals(c.getName()) && c instanceof MessageConsole m) {
				return m;
			}
		}
		MessageConsole m = new MessageConsole(NAME, null);
		ConsolePlugin.getDefault().getConsoleManager().addConsoles(new IConsole[] { m });
		return m;
	}

	/** Prints a line and brings the console forward. */
	public static void print(String line) {
		MessageConsole c = console();
		try (MessageConsoleStream out = c.newMessageStream()) {
			out.println(line);
		} catch (IOException e) {
			// the console went away
		}
		ConsolePlugin.getDefault().getConsoleManager().showConsoleView(c);
	}
}
