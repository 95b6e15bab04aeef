package org.innsight.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * The device a user asks for: {@code auto} (first GPU if the engine reports one, else CPU), {@code cpu},
 * {@code gpu} (GPU 0) or {@code gpu:N}. Resolved against an engine by {@link Engines#resolve(Device)}.
 */
public final class Device {

	public enum Kind { AUTO, CPU, GPU }

	public static final Device AUTO = new Device(Kind.AUTO, -1);
	public static final Device CPU = new Device(Kind.CPU, -1);

	private final Kind kind;
	private final int gpuIndex;

	private Device(final Kind kind, final int gpuIndex) {
		this.kind = kind;
		this.gpuIndex = gpuIndex;
	}

	public static Device gpu(final int index) {
		if (index < 0) throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
		return new Device(Kind.GPU, index);
	}

	/** Parses {@code auto|cpu|gpu|gpu:N} (case-insensitive). */
	public static Device parse(final String text) {
		if (text == null) throw new IllegalArgumentException("device is missing; use auto, cpu, gpu or gpu:N");
		final String s = text.trim().toLowerCase(Locale.ROOT);
		if (s.equals("auto")) return AUTO;
		if (s.equals("cpu")) return CPU;
		if (s.equals("gpu")) return gpu(0);
		if (s.startsWith("gpu:")) {
			try {
				return gpu(Integer.parseInt(s.substring(4)));
			}
			catch (final NumberFormatException e) {
				// fall through to the error below
			}
		}
		throw new IllegalArgumentException("unknown device '" + text + "'; use auto, cpu, gpu or gpu:N");
	}

	public Kind kind() {
		return kind;
	}

	/** The GPU index for {@link Kind#GPU}, else -1. */
	public int gpuIndex() {
		return gpuIndex;
	}

	@Override
	public String toString() {
		return kind == Kind.GPU ? "gpu:" + gpuIndex : kind.name().toLowerCase(Locale.ROOT);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Device && ((Device) o).kind == kind && ((Device) o).gpuIndex == gpuIndex;
	}

	@Override
	public int hashCode() {
		return Objects.hash(kind, gpuIndex);
	}
}
