package org.innsight.macro;

import java.awt.GraphicsEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;

import ij.IJ;
import ij.Menus;

/**
 * ImageJ1's command table (label to plugin class) for a headless JVM without Fiji.
 * <p>
 * ImageJ1 builds this table while building its AWT menu bar, which a headless JVM cannot create: there
 * {@code Menus.getCommands()} stays null and the first {@code run("...")} of a macro fails in {@code IJ.init()}.
 * (Fiji avoids this by patching ImageJ1.) So the bridge fills the table itself, from the {@code IJ_Props.txt}
 * inside ij.jar and the few ImageJ1 enters in code (its built-in commands, e.g. the file writers
 * {@code saveAs("PNG", ...)} uses), and sets it
 * into {@link Menus}' private field: ImageJ1 has no public way to set it.
 */
final class ImageJCommandTable {

	private ImageJCommandTable() {}

	/** The command table ImageJ1 uses, created (headless only) if ImageJ1 has none yet. */
	@SuppressWarnings("unchecked")
	static synchronized Hashtable<String, String> get() {
		Hashtable<String, String> table = Menus.getCommands();
		if (table != null) return table;
		if (!GraphicsEnvironment.isHeadless()) throw new IllegalStateException(
			"the macro bridge runs headless; start Java with -Djava.awt.headless=true");
		table = builtInCommands();
		try {
			final Field f = Menus.class.getDeclaredField("pluginsTable");
			f.setAccessible(true);
			f.set(null, table);
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			throw new IllegalStateException("cannot set up ImageJ1's command table in this ImageJ version (" +
				IJ.getVersion() + "): " + e, e);
		}
		return table;
	}

	/**
	 * Label to class of ImageJ1's built-in commands: those {@code IJ_Props.txt} lists, plus those ImageJ1 enters
	 * in code (listed in {@code imagej-menu-commands.txt} beside this class); shortcuts stripped as ImageJ1 does.
	 */
	static Hashtable<String, String> builtInCommands() {
		final Hashtable<String, String> table = new Hashtable<>();
		read(IJ.class.getResourceAsStream("/IJ_Props.txt"), table);
		read(ImageJCommandTable.class.getResourceAsStream("imagej-menu-commands.txt"), table);
		return table;
	}

	private static void read(final InputStream resource, final Hashtable<String, String> table) {
		if (resource == null) return;
		try (InputStream in = resource) {
			final BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
			for (String line; (line = r.readLine()) != null;) {
				// e.g.  new01="Image...[n]",ij.plugin.Commands("new")   or   "Close All",ij.plugin.Commands("close-all")
				final int open = line.indexOf('"');
				final int comma = line.indexOf("\",", open + 1);
				if (line.startsWith("#") || open < 0 || comma <= open) continue;
				String label = line.substring(open + 1, comma);
				final String className = line.substring(comma + 2).trim();
				final int bracket = label.lastIndexOf('[');
				if (label.endsWith("]") && bracket > 0 && label.charAt(bracket - 1) != ' ') label = label.substring(0,
					bracket);
				if (!label.equals("-") && !className.isEmpty()) table.putIfAbsent(label, className);
			}
		}
		catch (final IOException e) {
			throw new IllegalStateException("cannot read ImageJ1's command list: " + e.getMessage(), e);
		}
	}
}
