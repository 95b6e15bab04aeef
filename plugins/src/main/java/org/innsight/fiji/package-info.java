/**
 * InnSight's Fiji commands: thin SciJava shells, one per capability, under {@code Plugins > InnSight}.
 * <p>
 * How to write one (see {@link org.innsight.fiji.SpectralNormaliseCommand}):
 * <ul>
 * <li>{@code @Plugin(type = Command.class, menuPath = "Plugins>InnSight>My Thing")}; the last part of the menu path
 * is the label macros {@code run}. Anything under {@code Plugins>InnSight>} is also offered by the headless macro
 * bridge ({@code org.innsight.macro}).</li>
 * <li>{@code @Parameter} fields named in lower snake_case: the field name is the macro key. Give every optional
 * input a default (field initialiser). Image inputs are {@code ImagePlus}; choices are {@code String}s with
 * {@code choices = {...}}; services are {@code @Parameter(required = false)} so tests can build small contexts.
 * No key may end with {@code _<another key>} (ImageJ's option lookup would confuse them).</li>
 * <li>{@code extends InnSightCommand} and {@code execute()} instead of {@code run()}: the base class checks the
 * image inputs and makes a failure stop the macro that ran the command (in Fiji; see {@link org.innsight.fiji.InnSightCommand}).</li>
 * <li>{@code execute()}: parameters in, one call to the capability's facade (which works on ImgLib2 and reports
 * through a {@link org.innsight.progress.ProgressListener}: pass {@link org.innsight.fiji.StatusProgress#of}),
 * results out.</li>
 * <li>Result images are shown with {@link org.innsight.fiji.ResultImages#show} under
 * {@link org.innsight.image.DerivedImages#title DerivedImages.title(input, "suffix")}; never declared as
 * {@code ItemIO.OUTPUT} (see {@link org.innsight.fiji.ResultImages} for why). Text results go to {@code IJ.log}.</li>
 * <li>Errors a user can cause: throw {@code IllegalArgumentException} with a message naming the problem; the
 * macro bridge reports it as {@code FILE:LINE: <label>: <message>}, Fiji as {@code Macro Error: <label>: <message> in line N}.</li>
 * </ul>
 * {@code CommandConventionsTest} and {@code PluginIndexTest} check these rules for every command.
 */
package org.innsight.fiji;
