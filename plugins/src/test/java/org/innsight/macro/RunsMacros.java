package org.innsight.macro;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which macros of {@code macros/} a test class runs (file names, e.g. {@code "posterior.ijm"}).
 * {@link EveryMacroIsTestedTest} fails if a macro is declared by no test class, or a declared one does not exist.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunsMacros {
	String[] value();
}
