package org.nnet.ui.editor;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension3;
import org.eclipse.jface.text.IDocumentPartitioner;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.FastPartitioner;
import org.eclipse.jface.text.rules.IPredicateRule;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.RuleBasedPartitionScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;

/**
 * The partitions of a .nnet document: comments, doc comments and strings apart from code, so that
 * a comment spanning lines is coloured as one even while it is being typed.
 */
public final class NnetPartitions {

	/** The partitioning's id. */
	public static final String PARTITIONING = "org.nnet.ui.partitioning";
	/** A {@code /** ... *}{@code /} comment, shown in hovers as the declaration's documentation. */
	public static final String DOC_COMMENT = "nnet.docComment";
	/** A {@code /* ... *}{@code /} comment. */
	public static final String COMMENT = "nnet.comment";
	/** A {@code // ...} comment. */
	public static final String LINE_COMMENT = "nnet.lineComment";
	/** A string literal. */
	public static final String STRING = "nnet.string";
	/** All partition types, code ({@link IDocument#DEFAULT_CONTENT_TYPE}) first. */
	public static final String[] TYPES = {IDocument.DEFAULT_CONTENT_TYPE, DOC_COMMENT, COMMENT, LINE_COMMENT, STRING};

	private NnetPartitions() {
	}

	/** Installs the .nnet partitioner on a document, unless it has one. */
	public static void install(IDocument document) {
		if (!(document instanceof IDocumentExtension3 ext) || ext.getDocumentPartitioner(PARTITIONING) != null) {
			return;
		}
		RuleBasedPartitionScanner scanner = new RuleBasedPartitionScanner();
		scanner.setPredicateRules(new IPredicateRule[] {
			new EndOfLineRule("//", new Token(LINE_COMMENT)),
			new SingleLineRule("\"", "\"", new Token(STRING), '\\'),
			new MultiLineRule("/**", "*/", new Token(DOC_COMMENT), (char) 0, true),
			new MultiLineRule("/*", "*/", new Token(COMMENT), (char) 0, true),
		});
		IDocumentPartitioner partitioner = new FastPartitioner(scanner,
				new String[] {DOC_COMMENT, COMMENT, LINE_COMMENT, STRING});
		ext.setDocumentPartitioner(PARTITIONING, partitioner);
		partitioner.connect(document);
	}
}
