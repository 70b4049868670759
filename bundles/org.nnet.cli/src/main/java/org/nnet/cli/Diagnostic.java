package org.nnet.cli;

/**
 * One error or warning tied to a place in a user's file, as {@code nnet check} prints it.
 *
 * @param file the file as the user named it
 * @param line 1-based line
 * @param column 1-based column
 * @param severity "error" or "warning"
 * @param code a stable issue code (quick fixes and tools key on it)
 * @param message one sentence saying what is wrong and how to fix it
 */
public record Diagnostic(String file, int line, int column, String severity, String code, String message) {

	/** Whether this diagnostic is an error (it makes {@code check} fail). */
	public boolean isError() {
		return "error".equals(severity);
	}

	/** The compiler-style line {@code file:line:column: severity: message}. */
	@Override
	public String toString() {
		return file + ":" + line + ":" + column + ": " + severity + ": " + message;
	}
}
