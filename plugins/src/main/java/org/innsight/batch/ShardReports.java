package org.innsight.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innsight.Version;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * One report for a sharded run: each shard ({@code --shard i/n}) leaves, beside its own
 * {@code report.shard-i-of-n.html} and {@code summary.shard-i-of-n.csv}, a record {@code report.shard-i-of-n.json}
 * of its scans' outcomes; {@link #merge} reads the records of all shards and {@link #write} makes of them the
 * {@code report.html} and {@code summary.csv} one unsharded run would have written (the same rows, in the same
 * order), naming every shard whose record is missing or belongs to another run. Merging only reads these small
 * records: no scan is read or checksummed.
 */
public final class ShardReports {

	/** The merged report's and summary's names: those of an unsharded run. */
	public static final String REPORT = "report.html", SUMMARY = "summary.csv";
	/** A shard's record is {@code report.shard-i-of-n.json} ({@link BatchSettings#reportName}). */
	static final String RECORD_STEM = "report";

	private static final String FORMAT = "innsight-batch-shard/1";
	private static final Pattern RECORD = Pattern.compile(Pattern.quote(RECORD_STEM) + "\\.shard-(\\d+)-of-(\\d+)\\.json");
	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

	private ShardReports() {}

	/** What a shard leaves for the merge: its run (to check that all shards ran the same batch) and its outcomes. */
	private record ShardRecord(String format, String version, String pipeline, String pipelineSha256, String in, String glob,
		int index, int count, int jobs, int totalScans, long millis, List<String> problems, List<FileOutcome> outcomes)
	{
		/** The run this record is of, for comparing shards: everything but the shard and its outcomes. */
		String batch() {
			return String.join("\n", pipelineSha256, in, glob, Integer.toString(totalScans));
		}
	}

	/**
	 * The merge of a sharded run's records.
	 *
	 * @param report the merged report, to be {@link #write written}
	 * @param shards how many shards the run was split into
	 * @param missing one line per shard not in it: missing, unreadable, or of another run (pipeline or scan list)
	 */
	public record Merge(BatchReport report, int shards, List<String> missing) {

		public boolean complete() {
			return missing.isEmpty();
		}

		/** {@code "merged 3 of 4 shards: 90 done, ... (missing: ...)"}: the merge in one line. */
		public String summary() {
			return "merged " + (shards - missing.size()) + " of " + shards + " shards: " + report.counts() +
				(missing.isEmpty() ? "" : "; " + String.join("; ", missing));
		}
	}

	/** A shard's report as its record (JSON). */
	static String json(final BatchReport r) {
		final BatchSettings s = r.settings();
		return GSON.toJson(new ShardRecord(FORMAT, Version.get(), r.pipeline(), r.pipelineSha256(), s.in().toString(), s.glob(),
			s.shard().index(), s.shard().count(), s.jobs(), r.totalScans(), r.millis(), r.problems(), r.outcomes()));
	}

	/**
	 * Merges the shard records in {@code out} of the split into {@code count} shards (0: of the newest record's
	 * split). The newest record says which batch the shards must belong to: a record of another pipeline, input
	 * folder, glob or scan count counts as missing, so does one that cannot be read.
	 *
	 * @throws IOException when {@code out} holds no shard record at all (or cannot be listed)
	 */
	public static Merge merge(final Path out, final int count) throws IOException {
		final List<Path> all = records(out);
		all.sort(Comparator.comparing(ShardReports::modified).reversed());
		final int split = count > 0 ? count : all.isEmpty() ? 0 : number(all.get(0), 2);
		final Map<Integer, Path> files = new TreeMap<>();
		for (final Path p : all)
			if (number(p, 2) == split) files.put(number(p, 1), p);
		if (files.isEmpty())
			throw new IOException("no shard reports (" + RECORD_STEM + ".shard-I-of-" + (count == 0 ? "N" : count) + ".json) in " + out +
				"; run innsight batch --shard i/n with --out " + out + " first");
		final Path newest = all.stream().filter(files::containsValue).findFirst().orElseThrow();
		final ShardRecord reference = read(newest);
		if (reference == null) throw new IOException("the newest shard report " + newest + " cannot be read; run its shard again");
		final List<String> missing = new ArrayList<>(), problems = new ArrayList<>(), held = new ArrayList<>();
		final List<FileOutcome> outcomes = new ArrayList<>();
		long millis = 0;
		for (int i = 1; i <= split; i++) {
			final Path file = files.get(i);
			final ShardRecord r = file == null ? null : read(file);
			final int size = new Shard(i, split).size(reference.totalScans());
			final String shard = "shard " + i + "/" + split + " (" + size + (size == 1 ? " scan)" : " scans)");
			if (file == null) missing.add(shard + " is missing: no " + out.resolve(recordName(i, split)) + " (not run, still running, or " +
				"stopped before its end)");
			else if (r == null) missing.add(shard + ": " + file + " cannot be read; run the shard again");
			else if (!r.batch().equals(reference.batch())) missing.add(shard + ": " + file + " is of another batch (" + difference(r, reference) +
				"); run the shard again");
			else {
				held.add(i + "/" + split);
				outcomes.addAll(r.outcomes());
				millis += r.millis();
				r.problems().forEach(p -> problems.add("shard " + r.index() + "/" + split + ": " + p));
			}
		}
		outcomes.sort(Comparator.comparing(FileOutcome::relative)); // the order of InputFiles.find, as one run lists them
		problems.addAll(0, missing);
		final BatchSettings settings = new BatchSettings(Path.of(reference.in()), out).glob(reference.glob()).jobs(Math.max(1, reference.jobs()));
		final String merged = "shards " + String.join(", ", held) + (missing.isEmpty() ? "" : " (missing: " + missing.size() + " of " + split + ")");
		return new Merge(new BatchReport(settings, reference.pipeline(), reference.pipelineSha256(), List.copyOf(outcomes), List.copyOf(problems),
			reference.totalScans(), millis, out.resolve(REPORT), out.resolve(SUMMARY), List.of(), merged), split, List.copyOf(missing));
	}

	/** Writes the merged {@code report.html} and {@code summary.csv}; the merge returned names those that could not be written. */
	public static Merge write(final Merge merge) {
		return new Merge(BatchRunner.writeFiles(merge.report(), new ArrayList<>()), merge.shards(), merge.missing());
	}

	/**
	 * After shard {@code shard} of a run into {@code out}: when every shard's record is there and of the same batch,
	 * writes the merged report and returns the merge; else returns null (a later shard, or {@code innsight batch
	 * --merge-shards}, merges). Shards finishing at once may both merge; each writes the same files atomically.
	 */
	public static Merge mergeIfComplete(final Path out, final Shard shard) throws IOException {
		final Merge m = merge(out, shard.count());
		return m.complete() ? write(m) : null;
	}

	/** Group 1 (the shard's index) or 2 (the shard count) of a record's file name. */
	private static int number(final Path record, final int group) {
		final Matcher m = RECORD.matcher(record.getFileName().toString());
		if (!m.matches()) throw new IllegalStateException(record + " is not a shard record");
		return Integer.parseInt(m.group(group));
	}

	private static String recordName(final int index, final int count) {
		return RECORD_STEM + ".shard-" + index + "-of-" + count + ".json";
	}

	private static List<Path> records(final Path out) throws IOException {
		if (!Files.isDirectory(out)) throw new IOException("the output folder " + out + " does not exist");
		final List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> s = Files.newDirectoryStream(out, p -> RECORD.matcher(p.getFileName().toString()).matches())) {
			s.forEach(found::add);
		}
		return found;
	}

	private static FileTime modified(final Path p) {
		try {
			return Files.getLastModifiedTime(p);
		}
		catch (final IOException e) {
			return FileTime.fromMillis(0);
		}
	}

	/** A record, or null when it cannot be read or is not one. */
	private static ShardRecord read(final Path file) {
		try {
			final ShardRecord r = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), ShardRecord.class);
			if (r == null || !FORMAT.equals(r.format()) || r.outcomes() == null || r.problems() == null) return null;
			for (final FileOutcome o : r.outcomes())
				Manifest.restoreNonFinite(o.statistics());
			return r;
		}
		catch (final IOException | JsonParseException e) {
			return null;
		}
	}

	private static String difference(final ShardRecord r, final ShardRecord reference) {
		if (!Objects.equals(r.pipelineSha256(), reference.pipelineSha256())) return "another pipeline: " + r.pipeline();
		if (!Objects.equals(r.in(), reference.in()) || !Objects.equals(r.glob(), reference.glob()))
			return "input " + r.in() + ", glob " + r.glob() + ", where the newest shard had " + reference.in() + ", glob " + reference.glob();
		return r.totalScans() + " scans, where the newest shard found " + reference.totalScans();
	}
}
