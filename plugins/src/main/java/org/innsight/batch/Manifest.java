package org.innsight.batch;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.innsight.io.Checksums;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * What a finished scan's outputs were made from: written next to the outputs as
 * {@code <scan>.manifest.json}, last and atomically, so its presence means "these outputs are complete".
 * A re-run skips a scan only if its manifest matches the scan's checksum, the pipeline, the software version
 * and the models, and every output it lists is still there with the recorded checksum.
 */
public final class Manifest {

	public static final String FORMAT = "innsight-batch-manifest/1";

	private static final java.util.Set<String> NOT_FINITE = java.util.Set.of("NaN", "Infinity", "-Infinity");

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
		.disableHtmlEscaping().create();

	/** One output file, relative to the manifest's folder. */
	public static final class Output {
		public String name;
		public String file;
		public String format;
		public String sha256;
		public long bytes;

		public Output() {}

		public Output(final String name, final String file, final String format, final String sha256, final long bytes) {
			this.name = name;
			this.file = file;
			this.format = format;
			this.sha256 = sha256;
			this.bytes = bytes;
		}
	}

	public String format = FORMAT;
	/** The scan's path relative to {@code --in}. */
	public String input;
	public String inputSha256;
	public long inputBytes;
	public String pipelineSha256;
	public String software;
	public String version;
	/** Model label -> SHA-256 (empty when no step uses a model). */
	public Map<String, String> models = new LinkedHashMap<>();
	public List<Output> outputs = new ArrayList<>();
	/** Key statistics, {@code <step>.<key>} -> number or text. */
	public Map<String, Object> statistics = new LinkedHashMap<>();
	/** Milliseconds per phase: read, each step by its label, write, total. */
	public Map<String, Long> timingsMillis = new LinkedHashMap<>();
	public List<String> warnings = new ArrayList<>();
	/** Preview PNGs of the input and outputs, paths relative to {@code --out}; not checked on re-runs. */
	public Map<String, String> previews = new LinkedHashMap<>();
	public String started;
	public String finished;

	/** Writes this manifest atomically. */
	public void write(final Path file) throws IOException {
		AtomicWrite.write(file, out -> {
			final Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			GSON.toJson(this, w);
			w.flush();
		});
	}

	/** Reads a manifest; null if there is none or it cannot be understood (the scan is then simply redone). */
	public static Manifest read(final Path file) {
		if (!Files.isRegularFile(file)) return null;
		try {
			final Manifest m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Manifest.class);
			if (m == null || !FORMAT.equals(m.format) || m.outputs == null) return null;
			if (m.models == null) m.models = new LinkedHashMap<>();
			if (m.statistics == null) m.statistics = new LinkedHashMap<>();
			if (m.previews == null) m.previews = new LinkedHashMap<>();
			if (m.warnings == null) m.warnings = new ArrayList<>();
			restoreNonFinite(m.statistics);
			return m;
		}
		catch (final IOException | JsonParseException e) {
			return null;
		}
	}

	/** JSON has no NaN: Gson writes the bare word and reads it back as text, which this turns back into the number. */
	static void restoreNonFinite(final Map<String, Object> statistics) {
		statistics.replaceAll((k, v) -> v instanceof String && NOT_FINITE.contains(v) ? Double.valueOf((String) v) : v);
	}

	/**
	 * Why this manifest does not describe up-to-date outputs for the given scan and run, or null if it does.
	 *
	 * @param expectedOutputs the output file names the current pipeline writes for this scan
	 */
	public String staleReason(final String inputSha256, final String pipelineSha256, final String version,
		final Map<String, String> models, final List<String> expectedOutputs, final Path folder) throws IOException
	{
		if (!Objects.equals(this.inputSha256, inputSha256)) return "the scan changed";
		if (!Objects.equals(this.pipelineSha256, pipelineSha256)) return "the pipeline changed";
		if (!Objects.equals(this.version, version)) return "InnSight version changed (" + this.version + " -> " + version + ")";
		if (!Objects.equals(this.models, models)) return "a model changed";
		final List<String> files = new ArrayList<>();
		for (final Output o : outputs)
			files.add(o.file);
		if (!files.equals(expectedOutputs)) return "the outputs differ from the pipeline's";
		for (final Output o : outputs) {
			final Path p = folder.resolve(o.file);
			if (!Files.isRegularFile(p)) return "output " + o.file + " is missing";
			if (Files.size(p) != o.bytes || !Checksums.sha256(p).equals(o.sha256)) return "output " + o.file + " was modified";
		}
		return null;
	}
}
