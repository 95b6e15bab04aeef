package org.innsight.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * One of {@code count} disjoint parts of a sorted file list: shard {@code index} (1-based) takes the files at
 * positions {@code index-1, index-1+count, index-1+2*count, ...}. Every machine sorts the same list the same way
 * (by relative path, character by character, independent of locale), so the shards cover every file exactly
 * once and differ in size by at most one file.
 */
public record Shard(int index, int count) {

	public static final Shard ALL = new Shard(1, 1);

	public Shard {
		if (count < 1) throw new IllegalArgumentException("shard count must be >= 1, got " + count);
		if (index < 1 || index > count)
			throw new IllegalArgumentException("shard index must be between 1 and " + count + ", got " + index);
	}

	/** Parses {@code i/n}, e.g. {@code 3/8} (1-based: {@code 1/8} ... {@code 8/8}). */
	public static Shard parse(final String text) {
		final String[] parts = text == null ? new String[0] : text.trim().split("/");
		if (parts.length == 2) {
			try {
				return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
			}
			catch (final NumberFormatException e) {
				// fall through to the message below
			}
		}
		throw new IllegalArgumentException("shard \"" + text + "\" must look like i/n with 1 <= i <= n, e.g. 2/8");
	}

	/** This shard's part of {@code sorted}. */
	public <T> List<T> select(final List<T> sorted) {
		final List<T> part = new ArrayList<>();
		for (int i = index - 1; i < sorted.size(); i += count)
			part.add(sorted.get(i));
		return part;
	}

	/** How many of {@code total} items this shard takes. */
	public int size(final int total) {
		return total < index ? 0 : (total - index) / count + 1;
	}

	public boolean isAll() {
		return count == 1;
	}

	@Override
	public String toString() {
		return index + "/" + count;
	}
}
