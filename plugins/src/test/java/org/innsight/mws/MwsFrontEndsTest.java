package org.innsight.mws;

import org.innsight.fiji.MutexWatershedCommand;
import org.innsight.request.FrontEnds;
import org.junit.jupiter.api.Test;

/** The Fiji command, {@code innsight mws} and the pipeline step {@code mws} offer {@link MwsRequest}'s options alike. */
class MwsFrontEndsTest {

	@Test
	void everyFrontEndOffersTheRequestsOptionsWithItsDefaults() {
		FrontEnds.of(MwsRequest.SETTINGS)
			// Fiji: its one "source" list (affinities, boundary map, gradient) sets "from" or passes the image as
			// affinities; its images and offsets are always (x, y[, z]) ("offsetOrder"); it runs no network ("tile")
			// and reads no HDF5 affinity file ("dataset").
			.fiji(MutexWatershedCommand.class, "from", "offsetOrder", "tile", "dataset")
			.cli("mws")
			// a pipeline's scans are images, never HDF5 affinity files
			.pipeline("mws", "dataset")
			.check();
	}
}
