package org.nnet.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * What {@code nnet} prints passes through here: control characters are dropped (all C0 characters but
 * tab, newline and carriage return; DEL; the C1 characters U+0080–U+009F), so a file name or a label
 * taken from a .nnet file or a data file cannot set the terminal's title, clear its screen or move its
 * cursor. The bytes are UTF-8 (or another ASCII-compatible charset, where C1 does not occur as
 * {@code C2 80–9F}).
 */
final class TerminalText {

	private TerminalText() {
	}

	/** A print stream writing to {@code target} without control characters. */
	static PrintStream filtered(PrintStream target) {
		if (target instanceof Filtered) {
			return target;
		}
		return new Filtered(new Stripper(target), target);
	}

	private static final class Filtered extends PrintStream {
		Filtered(OutputStream out, PrintStream target) {
			super(out, true, target.charset());
		}
	}

	/** Drops control bytes; a C2 lead byte waits for the next byte to know whether it starts a C1 character. */
	private static final class Stripper extends FilterOutputStream {
		private boolean pendingC2;

		Stripper(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			b &= 0xff;
			if (pendingC2) {
				pendingC2 = false;
				if (b >= 0x80 && b <= 0x9f) {
					return;
				}
				out.write(0xc2);
			}
			if (b == 0xc2) {
				pendingC2 = true;
			} else if (!(b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f)) {
				out.write(b);
			}
		}

		@Override
		public void write(byte[] bytes, int off, int len) throws IOException {
			for (int i = off; i < off + len; i++) {
				write(bytes[i]);
			}
		}

		@Override
		public void flush() throws IOException {
			out.flush();
		}
	}
}
