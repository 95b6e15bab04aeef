package org.innsight;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** InnSight's version, as Maven stamped it into the jar. */
public final class Version {

	private static final String VERSION = load();

	private Version() {}

	public static String get() {
		return VERSION;
	}

	private static String load() {
		try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
			if (in == null) return "unknown";
			final Properties p = new Properties();
			p.load(in);
			return p.getProperty("version", "unknown");
		}
		catch (final IOException e) {
			return "unknown";
		}
	}
}
