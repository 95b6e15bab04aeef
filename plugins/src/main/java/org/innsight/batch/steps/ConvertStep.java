package org.innsight.batch.steps;

import java.util.List;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * {@code "convert"}: writes the image it is given as output {@code converted}, optionally in another format
 * ({@code "format"}: tif (default), nii, nii.gz, h5, png), bit depth ({@code "bitDepth"}: 8, 16, 32) or reduced to one plane
 * ({@code "plane"}, 1-based). Going to 8 or 16 bits maps the finite range [min, max] of the whole image onto
 * the full integer range when {@code "scale"} is true (default), else rounds and clamps; NaN becomes 0. PNG holds
 * one 8-bit plane, so {@code png} implies {@code bitDepth} 8.
 */
public final class ConvertStep implements Step<ConvertStep.Config> {

	/** bitDepth 0 = keep; plane 0 = all planes. */
	public record Config(String format, int bitDepth, boolean scale, int plane) {}

	@Override
	public String name() {
		return "convert";
	}

	@Override
	public String description() {
		return "Write the image as tif, nii, nii.gz, h5 or png, optionally as 8/16/32-bit or one plane (output \"converted\").";
	}

	@Override
	public Config configure(final StepOptions o) {
		final String format = o.choice("format", "tif", OutputSpec.FORMATS);
		int bitDepth = o.integer("bitDepth", 0, 8, 32);
		if (bitDepth != 0 && bitDepth != 8 && bitDepth != 16 && bitDepth != 32)
			throw o.bad("bitDepth", "must be 8, 16 or 32, got " + bitDepth);
		if (format.equals("png")) {
			if (bitDepth != 0 && bitDepth != 8) throw o.bad("bitDepth", "must be 8 for png, got " + bitDepth);
			bitDepth = 8;
		}
		return new Config(format, bitDepth, o.flag("scale", true), o.integer("plane", 0, 1, Integer.MAX_VALUE));
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of(new OutputSpec("converted", c.format()));
	}

	@Override
	public StepResult run(final ImagePlus imp, final Config c, final StepContext context) {
		ImagePlus source = imp;
		if (c.plane() > 0) {
			if (c.plane() > imp.getStackSize())
				throw new IllegalArgumentException("plane " + c.plane() + " asked for, the image has " + imp.getStackSize());
			final ImageStack one = new ImageStack(imp.getWidth(), imp.getHeight());
			one.addSlice(imp.getStack().getSliceLabel(c.plane()), imp.getStack().getProcessor(c.plane()).duplicate());
			source = Images.derive(imp, one);
		}
		if (c.format().equals("png") && source.getStackSize() > 1)
			throw new IllegalArgumentException("png holds one plane, the image has " + source.getStackSize() + "; set \"plane\"");
		if (c.bitDepth() == 0 || c.bitDepth() == source.getBitDepth())
			return StepResult.image("converted", source == imp ? imp.duplicate() : source);
		if (source.getBitDepth() == 24) throw new IllegalArgumentException("cannot convert an RGB image to " + c.bitDepth() + "-bit");
		return StepResult.image("converted", Images.derive(source, convert(source, c)));
	}

	private static ImageStack convert(final ImagePlus imp, final Config c) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		final ImageStack in = imp.getStack();
		for (int z = 1; z <= in.getSize(); z++) {
			final ImageProcessor ip = in.getProcessor(z);
			for (int i = 0; i < ip.getPixelCount(); i++) {
				final float v = ip.getf(i);
				if (Float.isFinite(v)) {
					min = Math.min(min, v);
					max = Math.max(max, v);
				}
			}
		}
		final double top = c.bitDepth() == 8 ? 255 : 65535;
		final ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int z = 1; z <= in.getSize(); z++) {
			final ImageProcessor ip = in.getProcessor(z);
			final ImageProcessor o = c.bitDepth() == 8 ? new ByteProcessor(imp.getWidth(), imp.getHeight())
				: c.bitDepth() == 16 ? new ShortProcessor(imp.getWidth(), imp.getHeight()) : new FloatProcessor(imp.getWidth(), imp.getHeight());
			for (int i = 0; i < ip.getPixelCount(); i++) {
				final float v = ip.getf(i);
				if (c.bitDepth() == 32) o.setf(i, v);
				else if (!Float.isFinite(v)) o.setf(i, 0);
				else {
					final double scaled = c.scale() ? (max > min ? (v - min) / (max - min) * top : 0) : v;
					o.setf(i, (float) Math.min(top, Math.max(0, Math.rint(scaled))));
				}
			}
			out.addSlice(null, o);
		}
		return out;
	}
}
