/**
 * The headless macro bridge: ImageJ1 macros that {@code run("<InnSight command>", "key=value ...")}, without Fiji.
 * <p>
 * {@link org.innsight.macro.MacroRunner} runs a macro with ImageJ1's own interpreter; {@code MacroBridge} enters
 * InnSight's SciJava commands into ImageJ1's command table and fills their parameters from the macro's options as
 * Fiji's legacy layer does (see {@code MacroInputs}). Failures become {@link org.innsight.macro.MacroException}s
 * reading {@code FILE:LINE: reason}.
 * <p>
 * Testing a shipped macro: put it in {@code macros/}, then in a test class annotated
 * {@code @RunsMacros("my_macro.ijm")} call {@code Macros.run("my_macro.ijm", outputFolder.toString())} (test
 * helpers in {@code src/test/java/org/innsight/macro}) and check the files it wrote, or the returned
 * {@link org.innsight.macro.MacroResult}'s log and open images.
 */
package org.innsight.macro;
