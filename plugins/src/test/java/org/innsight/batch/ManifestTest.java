package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.innsight.io.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests survive a round trip (NaN statistics included) and say precisely why outputs are stale. */
class ManifestTest {

	@TempDir
	Path tmp;

	private Manifest manifest() throws IOException {
		Files.writeString(tmp.resolve("a.x.tif"), "output");
		final Manifest m = new Manifest();
		m.input = "a.tif";
		m.inputSha256 = "in";
		m.pipelineSha256 = "p";
		m.version = "1.0";
		m.models.put("net", "m");
		m.outputs.add(new Manifest.Output("x", "a.x.tif", "tif", Checksums.sha256(tmp.resolve("a.x.tif")), 6));
		m.statistics.put("statistics.std", Double.NaN);
		m.statistics.put("statistics.label", "text");
		return m;
	}

	@Test
	void roundTripKeepsEverythingIncludingNaN() throws IOException {
		manifest().write(tmp.resolve("a.manifest.json"));
		final Manifest back = Manifest.read(tmp.resolve("a.manifest.json"));
		assertTrue(Double.isNaN((Double) back.statistics.get("statistics.std")));
		assertEquals("text", back.statistics.get("statistics.label"));
		assertEquals("a.x.tif", back.outputs.get(0).file);
		assertNull(back.staleReason("in", "p", "1.0", Map.of("net", "m"), List.of("a.x.tif"), tmp));
	}

	@Test
	void staleReasons() throws IOException {
		final Manifest m = manifest();
		assertEquals("the scan changed", m.staleReason("other", "p", "1.0", Map.of("net", "m"), List.of("a.x.tif"), tmp));
		assertEquals("the pipeline changed", m.staleReason("in", "q", "1.0", Map.of("net", "m"), List.of("a.x.tif"), tmp));
		assertEquals("InnSight version changed (1.0 -> 1.1)", m.staleReason("in", "p", "1.1", Map.of("net", "m"), List.of("a.x.tif"), tmp));
		assertEquals("a model changed", m.staleReason("in", "p", "1.0", Map.of("net", "n"), List.of("a.x.tif"), tmp));
		assertEquals("the outputs differ from the pipeline's", m.staleReason("in", "p", "1.0", Map.of("net", "m"), List.of("a.y.tif"), tmp));
		Files.writeString(tmp.resolve("a.x.tif"), "outpuT");
		assertEquals("output a.x.tif was modified", m.staleReason("in", "p", "1.0", Map.of("net", "m"), List.of("a.x.tif"), tmp));
		Files.delete(tmp.resolve("a.x.tif"));
		assertEquals("output a.x.tif is missing", m.staleReason("in", "p", "1.0", Map.of("net", "m"), List.of("a.x.tif"), tmp));
	}

	@Test
	void aDamagedOrForeignManifestCountsAsNone() throws IOException {
		Files.writeString(tmp.resolve("cut.json"), "{\"format\": \"innsight-batch-manifest/1\", \"input\": \"a.t");
		assertNull(Manifest.read(tmp.resolve("cut.json")));
		Files.writeString(tmp.resolve("other.json"), "{\"format\": \"something-else\"}");
		assertNull(Manifest.read(tmp.resolve("other.json")));
		assertNull(Manifest.read(tmp.resolve("missing.json")));
	}
}
