package org.nnet.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads a user's .nnet file as UTF-8 text, refusing binary or mis-encoded input with a sentence instead of garbage. */
final class SourceFiles {

	/** The largest .nnet file read. */
	static final long MAX_BYTES = 5L * 1024 * 1024;
	/** The deepest nesting of brackets read. */
	static final int MAX_NESTING = 200;

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
			BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
			if (!a.isRegularFile()) {
				// a FIFO would block the read for good, a device never ends
				throw new UnreadableFileException(a.isDirectory() ? "this is a folder, not a .nnet file" : "this is not a regular file", 1, 1);
			}
			if (a.size() > MAX_BYTES) {
				throw new UnreadableFileException("the file has " + a.size() / (1024 * 1024) + " MB, more than the " + MAX_BYTES / (1024 * 1024)
						+ " MB a .nnet file may have", 1, 1);
			}
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
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		} catch (CharacterCodingException e) {
			int offset = firstInvalidUtf8(bytes);
			int[] place = place(bytes, offset);
			throw new UnreadableFileException("the file is not UTF-8 text (an invalid byte at offset " + offset
					+ "): save it as UTF-8", place[0], place[1]);
		}
		requireShallow(text);
		return text;
	}

	/**
	 * Refuses text nested deeper than {@value #MAX_NESTING} levels of (), [] and {} (outside strings and
	 * comments): the parser, linker and checker recurse per level, and no real model comes near.
	 */
	static void requireShallow(String text) throws UnreadableFileException {
		int depth = 0;
		int line = 1;
		int column = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			column++;
			if (c == '\n') {
				line++;
				column = 0;
			} else if (c == '"') {
				// a string ends at its closing quote or at the end of the line
				for (i++; i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n'; i++) {
					column++;
					if (text.charAt(i) == '\\') {
						i++;
						column++;
					}
				}
				if (i < text.length() && text.charAt(i) == '\n') {
					i--;
				} else {
					column++;
				}
			} else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
				int end = text.indexOf('\n', i);
				i = (end < 0 ? text.length() : end) - 1;
			} else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
				int end = text.indexOf("*/", i + 2);
				int stop = end < 0 ? text.length() : end + 2;
				column--; // counted again below, with the comment's other characters
				for (; i < stop; i++) {
					if (text.charAt(i) == '\n') {
						line++;
						column = 0;
					} else {
						column++;
					}
				}
				i--;
			} else if (c == '(' || c == '[' || c == '{') {
				if (++depth > MAX_NESTING) {
					throw new UnreadableFileException("brackets nested more than " + MAX_NESTING
							+ " levels deep: split the expression or the network into named parts", line, column);
				}
			} else if (c == ')' || c == ']' || c == '}') {
				depth = Math.max(0, depth - 1);
			}
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
