package org.nnet.ui.editor;

import org.eclipse.jface.resource.ColorRegistry;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

/** The colours of .nnet text, kept in JFace's colour registry so SWT colours are shared. */
public enum NnetColors {
	KEYWORD(new RGB(127, 0, 85), SWT.BOLD),
	LAYER(new RGB(0, 80, 160), SWT.BOLD),
	BUILTIN(new RGB(0, 112, 112), SWT.NORMAL),
	DECLARATION(new RGB(0, 0, 0), SWT.BOLD),
	NUMBER(new RGB(170, 80, 0), SWT.NORMAL),
	STRING(new RGB(42, 0, 255), SWT.NORMAL),
	COMMENT(new RGB(63, 127, 95), SWT.NORMAL),
	DOC_COMMENT(new RGB(63, 95, 191), SWT.NORMAL),
	DEFAULT(new RGB(0, 0, 0), SWT.NORMAL);

	private final RGB rgb;
	private final int style;

	NnetColors(RGB rgb, int style) {
		this.rgb = rgb;
		this.style = style;
	}

	/** The text attribute of this kind of text. */
	public TextAttribute attribute() {
		return new TextAttribute(color(), null, style);
	}

	private Color color() {
		ColorRegistry registry = JFaceResources.getColorRegistry();
		String key = "org.nnet.ui.color." + name();
		if (!registry.hasValueFor(key)) {
			registry.put(key, rgb);
		}
		return registry.get(key);
	}
}
