package org.nnet.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a user's .nnet file as UTF-8 text, refusing binary or mis-encoded input with a sentence instead of garbage. */
final class SourceFiles {

	private SourceFiles() {
	}

	/** Thrown when a file cannot be read as .nnet text; the message is a sentence for the user. */
	static final class UnreadableFileException extends Exception {
		private static final long serialVersionUID = 1L;
		final int line;
		final int column;

		UnreadableFileException(String message, int line, int column) {
			super(message);
			this.line = line;
			this.column = column;
		}
	}

	/** The text of a file, or an exception saying why it is not .nnet text. */
	static String read(Path file) throws UnreadableFileException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		} catch (java.nio.file.NoSuchFileException e) {
			throw new UnreadableFileException("no such file", 1, 1);
		} catch (IOException e) {
			throw new UnreadableFileException("cannot read the file: " + e.getMessage(), 1, 1);
		}
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				int[] place = place(bytes, i);
				throw new UnreadableFileException("this is a binary file, not .nnet text (a NUL byte at offset " + i + ")",
						place[0], place[1]);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		} catch (CharacterCodingException e) {
			int offset = firstInvalidUtf8(bytes);
			int[] place = place(bytes, offset);
			throw new UnreadableFileException("the file is not UTF-8 text (an invalid byte at offset " + offset
					+ "): save it as UTF-8", place[0], place[1]);
		}
	}

	private static int firstInvalidUtf8(byte[] bytes) {
		var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		var out = java.nio.CharBuffer.allocate(bytes.length + 1);
		var result = decoder.decode(in, out, true);
		return result.isError() ? in.position() : 0;
	}

	/** 1-based line and column of a byte offset, counting lines by '\n'. */
	private static int[] place(byte[] bytes, int offset) {
		int line = 1;
		int column = 1;
		for (int i = 0; i < offset && i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				line++;
				column = 1;
			} else {
				column++;
			}
		}
		return new int[] { line, column };
	}
}
