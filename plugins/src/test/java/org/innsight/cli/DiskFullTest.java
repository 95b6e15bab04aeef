package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.innsight.batch.Manifest;
import org.innsight.batch.SyntheticScans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code innsight batch} onto a disk that fills up mid-run: a real one, a 760 KiB tmpfs mounted in a user and mount
 * namespace of its own ({@code unshare -rm}), where Linux lets an unprivileged process do so; elsewhere the test is
 * skipped ({@code WriteFailuresTest} covers the same rules with a file in the way). Six scans of 128 KiB each make a
 * 128 KiB normalised copy and a 64 KiB 16-bit copy: the disk holds three scans' outputs and manifests, then the
 * 16-bit copy of every later scan no longer fits.
 */
class DiskFullTest {

	@TempDir
	Path tmp;

	@Test
	void scansThatDoNotFitSayNoSpaceLeaveNoOutputWithoutManifestAndTheReportIsWritten() throws Exception {
		final Path in = tmp.resolve("in"), disk = tmp.resolve("disk"), kept = tmp.resolve("kept");
		for (int i = 1; i <= 6; i++)
			SyntheticScans.write(SyntheticScans.scan(64, 64, SyntheticScans.BANDS, i), in.resolve("s" + i + ".tif"));
		final Path pipeline = Files.writeString(tmp.resolve("pipeline.json"), SyntheticScans.PIPELINE_JSON);
		Files.createDirectories(disk);
		Files.createDirectories(kept);
		final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// inside the namespace: mount, run, and copy what the run left out of the disk before the namespace ends
		final String script = "mount -t tmpfs -o size=760k tmpfs \"$1\" || exit 97\n" +
			"\"$2\" -Djava.awt.headless=true -Dai.djl.offline=true -cp \"$3\" org.innsight.cli.InnSightCli batch --pipeline \"$4\" " +
			"--in \"$5\" --out \"$1/out\" --jobs 1 --quiet --no-previews --device cpu >\"$6/stdout\" 2>\"$6/stderr\"\n" +
			"echo $? >\"$6/exit\"\ncp -a \"$1/out\" \"$6/out\"\n";
		final Process p;
		try {
			p = new ProcessBuilder("unshare", "-rm", "sh", "-c", script, "sh", disk.toString(), java, System.getProperty("java.class.path"),
				pipeline.toString(), in.toString(), kept.toString()).redirectErrorStream(true).start();
		}
		catch (final IOException e) {
			assumeTrue(false, "no unshare here: " + e.getMessage());
			return;
		}
		final String shell = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the batch did not end");
		assumeTrue(p.exitValue() == 0 && Files.exists(kept.resolve("exit")), "this system lets no unprivileged tmpfs be mounted: " + shell);

		final String stdout = Files.readString(kept.resolve("stdout")), stderr = Files.readString(kept.resolve("stderr"));
		assertEquals("3", Files.readString(kept.resolve("exit")).strip(), stdout + stderr);
		assertTrue(stdout.contains("batch: 3 done, 0 up to date, 3 failed of 6 scans"), stdout);
		final Path out = disk.resolve("out"); // as the run named it
		for (final String scan : List.of("s4", "s5", "s6"))
			assertTrue(stdout.contains("failed: " + scan + ".tif at write: no space left on device writing " + out.resolve(scan + ".u16.tif") +
				" (the image needs 65536 bytes, "), stdout);
		// every output left on the disk is listed, with its checksum, by the manifest beside it; nothing half-written
		final Path left = kept.resolve("out");
		try (Stream<Path> files = Files.list(left)) {
			for (final Path f : (Iterable<Path>) files::iterator) {
				final String name = f.getFileName().toString();
				assertTrue(!name.startsWith(".") || name.equals(".innsight-batch.lock"), "left over: " + name);
				if (!name.endsWith(".tif")) continue;
				final String scan = name.substring(0, name.indexOf('.'));
				final Manifest m = Manifest.read(left.resolve(scan + ".manifest.json"));
				assertTrue(m != null && m.outputs.stream().anyMatch(o -> o.file.equals(name) && o.bytes == fileSize(f)), name + " has no manifest");
			}
		}
		assertEquals(List.of("s1", "s2", "s3"), Stream.of("s1", "s2", "s3", "s4", "s5", "s6")
			.filter(s -> Files.exists(left.resolve(s + ".manifest.json"))).toList());
		assertTrue(Files.readString(left.resolve("report.html")).contains("no space left on device writing"));
		assertEquals(7, Files.readString(left.resolve("summary.csv")).split("\r\n").length);
	}

	private static long fileSize(final Path f) {
		try {
			return Files.size(f);
		}
		catch (final IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
