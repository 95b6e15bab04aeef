package org.innsight.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads the JSON files people write (pipelines, camera files, model cards, sidecars): UTF-8 only, a key at most
 * once per object, nothing after the value, and every problem said as file, line, column and what is wrong
 * (instead of Gson's class names and advice for programmers). Accepts what Gson's {@link JsonParser} accepts
 * otherwise (e.g. NaN, as model cards may hold), so files read before still read.
 */
public final class JsonFiles {

	private static final Pattern WHERE = Pattern.compile("\\s*at line (\\d+) column (\\d+)(?: path \\S*)?");

	private JsonFiles() {}

	/** Reads and parses a JSON file; problems are {@link IllegalArgumentException}s starting with the file's path. */
	public static JsonElement read(final Path file) throws IOException {
		final String text = readUtf8(file, "JSON files must be UTF-8 text; save it as UTF-8");
		try {
			return parse(text);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
		}
	}

	/**
	 * A text file as UTF-8; a byte that is not UTF-8 is an {@link IllegalArgumentException} naming the file, the
	 * byte and its offset, ending with {@code advice}.
	 */
	public static String readUtf8(final Path file, final String advice) throws IOException {
		final byte[] bytes = Files.readAllBytes(file);
		final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		final ByteBuffer in = ByteBuffer.wrap(bytes);
		final CharBuffer out = CharBuffer.allocate(bytes.length);
		CoderResult r = decoder.decode(in, out, true);
		if (!r.isError()) r = decoder.flush(out);
		if (r.isError()) {
			final int at = in.position();
			final String line = Long.toString(1 + new String(bytes, 0, at, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count());
			throw new IllegalArgumentException(file + ": not UTF-8: byte " + at + " (line " + line + ") is 0x" +
				String.format("%02X", bytes[at] & 0xff) + ", which UTF-8 text cannot hold there (the file was saved as Latin-1 or " +
				"Windows-1252?); " + advice);
		}
		return out.flip().toString();
	}

	/**
	 * Parses JSON text; problems are {@link IllegalArgumentException}s such as {@code not valid JSON at line 3,
	 * column 12: a list [...] is not closed: a ',' or ']' is missing} or {@code key "format" appears twice ...}.
	 */
	public static JsonElement parse(final String text) {
		if (text.isBlank()) throw new IllegalArgumentException("not valid JSON: the text is empty");
		check(text);
		return JsonParser.parseString(text); // the checks above passed: Gson builds the same tree as always
	}

	/** Reads the whole text once, refusing syntax errors, repeated keys and text after the value. */
	@SuppressWarnings("deprecation") // setLenient: Strictness is newer than the Gson of older Fijis
	private static void check(final String text) {
		final JsonReader r = new JsonReader(new StringReader(text));
		r.setLenient(true); // as JsonParser: NaN and the like still read
		final Deque<Set<String>> keys = new ArrayDeque<>(); // the keys seen in each open object
		int depth = 0;
		try {
			do {
				switch (r.peek()) {
					case BEGIN_OBJECT -> {
						r.beginObject();
						keys.push(new HashSet<>());
						depth++;
					}
					case END_OBJECT -> {
						r.endObject();
						keys.pop();
						depth--;
					}
					case BEGIN_ARRAY -> {
						r.beginArray();
						depth++;
					}
					case END_ARRAY -> {
						r.endArray();
						depth--;
					}
					case NAME -> {
						final String name = r.nextName();
						if (!keys.peek().add(name)) throw new IllegalArgumentException("key \"" + name + "\" appears twice in the same object" +
							where(r.toString(), name.length() + 2) + "; a later one would silently replace the first: keep one");
					}
					default -> r.skipValue();
				}
			}
			while (depth > 0);
			if (r.peek() != JsonToken.END_DOCUMENT)
				throw new IllegalArgumentException("not valid JSON" + where(r.toString(), 1) + ": more text after the end of the JSON value");
		}
		catch (final EOFException e) {
			throw new IllegalArgumentException("not valid JSON" + where(e.getMessage()) + ": the text ends before every { and [ is closed", e);
		}
		catch (final IOException | IllegalStateException e) {
			// Gson's column is the one after the character it stumbled on
			throw new IllegalArgumentException("not valid JSON" + where(e.getMessage(), 1) + ": " + problem(e.getMessage()), e);
		}
	}

	/** {@code " at line 3, column 12"} from a Gson message or reader, or "" if it has none. */
	private static String where(final String gson) {
		return where(gson, 0);
	}

	/** As {@link #where(String)}, {@code back} columns before the reader's (to the start of what it just read). */
	private static String where(final String gson, final int back) {
		final Matcher m = gson == null ? null : WHERE.matcher(gson);
		if (m == null || !m.find()) return "";
		final int column = Integer.parseInt(m.group(2));
		return " at line " + m.group(1) + ", column " + (column > back ? column - back : column);
	}

	/**
	 * What Gson says when a value has the wrong form for a field (e.g. {@code Expected a string but was
	 * BEGIN_ARRAY at path $.name}), in plain words: {@code $.name: expected text, found a list}.
	 */
	public static String formProblem(final RuntimeException e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause().getMessage() != null) t = t.getCause();
		String m = String.valueOf(t.getMessage()).replaceAll("\\s*See https?://\\S+", "").replaceFirst("^[\\w.]+(Exception|Error): ", "").trim();
		final Matcher path = Pattern.compile("\\s*at (?:line \\d+ column \\d+ )?path (\\S+)").matcher(m);
		String where = "";
		if (path.find()) {
			where = path.group(1) + ": ";
			m = m.substring(0, path.start()) + m.substring(path.end());
		}
		m = m.replace("BEGIN_ARRAY", "a list").replace("BEGIN_OBJECT", "an object").replace("STRING", "text").replace("NUMBER", "a number")
			.replace("BOOLEAN", "true/false").replace("NULL", "null").replace("Expected a string", "expected text").replace("Expected", "expected")
			.replace(" but was ", ", found ");
		return where + m;
	}

	/** Gson's problem in plain words, without its location, path and link. */
	static String problem(final String gson) {
		if (gson == null) return "malformed";
		final String p = WHERE.split(gson, 2)[0].replaceAll("\\s*See https?://\\S+", "").trim();
		if (p.startsWith("Unterminated array")) return "a list [...] is not closed: a ',' or ']' is missing";
		if (p.startsWith("Unterminated object")) return "an object {...} is not closed: a ',' or '}' is missing";
		if (p.startsWith("Unterminated string")) return "a text \"...\" is not closed: a '\"' is missing";
		if (p.startsWith("Expected name")) return "expected a key in double quotes (a ',' too many before '}'?)";
		if (p.startsWith("Expected ':'")) return "expected ':' after a key";
		if (p.startsWith("Expected value")) return "expected a value (a ',' too many before ']'?)";
		if (p.contains("setStrictness") || p.contains("setLenient")) return "not JSON (text and keys need double quotes)";
		if (p.contains("escape")) return "a bad escape sequence (\\) in a text";
		return p;
	}
}
