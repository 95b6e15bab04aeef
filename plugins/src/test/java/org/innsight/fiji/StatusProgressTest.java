package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.scijava.app.StatusService;

class StatusProgressTest {

	/** A StatusService that records showStatus(progress, maximum, message) calls. */
	private static StatusService recording(final List<String> calls) {
		return (StatusService) Proxy.newProxyInstance(StatusService.class.getClassLoader(), new Class<?>[] {
			StatusService.class }, (proxy, method, args) -> {
				if (method.getName().equals("showStatus") && args.length == 3) calls.add(args[0] + "/" + args[1] + " " +
					args[2]);
				return null;
			});
	}

	/** A StatusService that shows nothing. */
	StatusService silent() {
		return recording(new ArrayList<>());
	}

	@Test
	void aMillionPixelUpdatesBecomeAtMostAThousandStatusUpdates() {
		final List<String> calls = new ArrayList<>();
		final ProgressListener p = StatusProgress.of(recording(calls));
		final long total = 3_000_000_000L; // more than an int holds
		for (long done = 0; done <= total; done += 3000)
			p.progress(done, total, "normalising");
		assertEquals(1001, calls.size());
		assertEquals("0/1000 normalising", calls.get(0));
		assertEquals("1000/1000 normalising", calls.get(calls.size() - 1));
	}

	@Test
	void aNewMessageIsShownEvenWithoutProgress() {
		final List<String> calls = new ArrayList<>();
		final ProgressListener p = StatusProgress.of(recording(calls));
		p.progress(1, 10, "loading");
		p.progress(1, 10, "loading");
		p.progress(1, 10, "checking");
		assertEquals(List.of("100/1000 loading", "100/1000 checking"), calls);
	}

	@Test
	void withoutAStatusServiceProgressGoesNowhere() {
		assertSame(ProgressListener.NONE, StatusProgress.of(null));
	}
}
