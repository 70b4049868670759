/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.conversion;

import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.impl.AbstractDeclarativeValueConverterService;
import org.eclipse.xtext.conversion.impl.IDValueConverter;
import org.eclipse.xtext.conversion.impl.STRINGValueConverter;

import com.google.inject.Inject;

/**
 * Value converters of the terminals the grammar declares itself (it does not inherit Xtext's common
 * terminals, so that numbers are one {@code NUMBER} token kept as written, e.g. {@code 1e-3}).
 */
public class NnetValueConverters extends AbstractDeclarativeValueConverterService {

	@Inject
	private IDValueConverter idValueConverter;

	@Inject
	private STRINGValueConverter stringValueConverter;

	@ValueConverter(rule = "ID")
	public IValueConverter<String> ID() {
		return idValueConverter;
	}

	@ValueConverter(rule = "STRING")
	public IValueConverter<String> STRING() {
		return stringValueConverter;
	}
}
