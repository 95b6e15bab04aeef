package org.innsight.normalise;

import org.innsight.fiji.SpectralNormaliseCommand;
import org.innsight.request.FrontEnds;
import org.junit.jupiter.api.Test;

/** Spectral Normalise has one front end with options (Fiji, and macros through it); the demo uses the defaults. */
class SpectralNormaliseFrontEndsTest {

	@Test
	void theFijiCommandOffersEverySettingWithItsDefault() {
		FrontEnds.of(SpectralNormaliseRequest.SETTINGS).fiji(SpectralNormaliseCommand.class).check();
	}
}
