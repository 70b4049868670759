package org.nnet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nnet.core.IssueCodes;
import org.nnet.lang.validation.NnetLinkingDiagnosticMessages;
import org.nnet.lang.validation.NnetValidator;

/**
 * Every issue code has a test of its own name in {@link ValidationRulesTest}: the code
 * {@code org.nnet.core.insertFlatten} needs a test method {@code insertFlatten()}. Adding a code
 * without a test fails here.
 */
public class IssueCodesCoverageTest {

	private static final List<Class<?>> CODE_HOLDERS = List.of(IssueCodes.class, NnetValidator.class,
			NnetLinkingDiagnosticMessages.class);

	@Test
	void everyIssueCodeHasATestOfItsName() {
		Set<String> tests = new HashSet<>();
		for (Method m : ValidationRulesTest.class.getDeclaredMethods()) {
			if (m.isAnnotationPresent(Test.class)) {
				tests.add(m.getName());
			}
		}
		List<String> missing = new ArrayList<>();
		for (String code : codes()) {
			if (!tests.contains(testName(code))) {
				missing.add(testName(code) + "() for " + code);
			}
		}
		assertEquals(List.of(), missing, "issue codes without a test in ValidationRulesTest");
	}

	@Test
	void issueCodesAreUniqueAndNamedAfterTheirBundle() {
		List<String> codes = codes();
		assertTrue(codes.size() >= 50, "found only " + codes.size() + " codes: is the reflection still looking at the right classes?");
		assertEquals(codes.size(), new HashSet<>(codes).size(), "duplicate code values: " + codes);
		for (String code : codes) {
			assertTrue(code.startsWith("org.nnet.core.") || code.startsWith("org.nnet.lang."), code);
			assertTrue(testName(code).matches("[a-z][A-Za-z]*"), code);
		}
	}

	/** The values of the public static final String constants of the classes that hold issue codes. */
	private static List<String> codes() {
		List<String> codes = new ArrayList<>();
		for (Class<?> holder : CODE_HOLDERS) {
			for (Field f : holder.getDeclaredFields()) {
				int mod = f.getModifiers();
				if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() == String.class) {
					try {
						codes.add((String) f.get(null));
					} catch (IllegalAccessException e) {
						throw new AssertionError(e);
					}
				}
			}
		}
		return codes;
	}

	private static String testName(String code) {
		return code.substring(code.lastIndexOf('.') + 1);
	}
}
