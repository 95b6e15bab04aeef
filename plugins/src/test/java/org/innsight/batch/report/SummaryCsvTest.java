package org.innsight.batch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.batch.FileOutcome;
import org.junit.jupiter.api.Test;

/** summary.csv: RFC 4180 quoting, and no text cell a spreadsheet would run as a formula; numbers stay numbers. */
class SummaryCsvTest {

	private static FileOutcome done(final String file, final Map<String, Object> statistics) {
		return new FileOutcome(file, FileOutcome.Status.DONE, null, null, statistics, List.of(), List.of(), Map.of(), 1500);
	}

	@Test
	void textThatLooksLikeAFormulaIsEscapedNumbersAreNot() {
		final Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("statistics.min", -0.5);
		stats.put("statistics.label", "=1+2");
		stats.put("statistics.count", 3.0);
		final Map<String, Object> other = new LinkedHashMap<>();
		other.put("statistics.min", Double.NaN);
		other.put("statistics.label", "-x,y");
		final List<FileOutcome> outcomes = List.of(
			done("=HYPERLINK(\"http://evil\",\"click\").tif", stats),
			done("+1.tif", other),
			done("@sum.tif", Map.of()),
			done("\tindent.tif", Map.of()),
			done("-2.tif", Map.of()),
			done("a,b.tif", Map.of()),
			done("line\nbreak.tif", Map.of()),
			FileOutcome.failed("plain.tif", "read", "=cmd|' /C calc'!A0", Map.of(), List.of(), Map.of(), 0));
		assertEquals(String.join("\r\n",
			"file,status,failed_step,reason,seconds,outputs,statistics.min,statistics.label,statistics.count",
			"\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\").tif\",done,,,1.500,,-0.5,'=1+2,3",
			"'+1.tif,done,,,1.500,,NaN,\"'-x,y\",",
			"'@sum.tif,done,,,1.500,,,,",
			"'\tindent.tif,done,,,1.500,,,,",
			"'-2.tif,done,,,1.500,,,,",
			"\"a,b.tif\",done,,,1.500,,,,",
			"\"line\nbreak.tif\",done,,,1.500,,,,",
			"plain.tif,failed,read,'=cmd|' /C calc'!A0,0.000,,,,",
			""), SummaryCsv.csv(outcomes));
	}
}
