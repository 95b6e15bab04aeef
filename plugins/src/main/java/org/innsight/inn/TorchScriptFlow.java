package org.innsight.inn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.innsight.engine.Autograd;
import org.innsight.engine.ModelCard;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A flow trained elsewhere (e.g. with FrEIA) and saved as TorchScript ({@code torch.jit.script(...).save(...)}).
 * <p>
 * The module must provide, in float32:
 * <pre>
 *   forward(x: Tensor, c: Tensor) -> Tuple[Tensor, Tensor]   # (z, log_det): z (rows, D), log_det (rows,)
 *   inverse(z: Tensor, c: Tensor) -> Tensor                  # x (rows, D)
 * </pre>
 * with x in the units of the card's outputs (any normalisation lives inside the module), c the raw observation
 * of each row, (rows, C), and C = 0 for an unconditional flow (c then has shape (rows, 0)). log_det is
 * log|det dz/dx|. The model folder holds {@value #FILE} and a card whose {@code architecture} is
 * <pre>  { "format": "torchscript", "dimension": D, "conditions": C }</pre>
 * and whose outputs name the D targets (so D = number of outputs; pad inside the module if needed).
 */
public final class TorchScriptFlow implements ConditionalFlow {

	public static final String FORMAT = "torchscript";
	public static final String FILE = "model.pt";

	private final PtSymbolBlock module;
	private final int dimension, conditions;

	private TorchScriptFlow(final PtSymbolBlock module, final int dimension, final int conditions) {
		this.module = module;
		this.dimension = dimension;
		this.conditions = conditions;
	}

	/** Loads a TorchScript file; {@code card} gives dimension and conditions (architecture) and is checked against the module. */
	public static TorchScriptFlow load(final Path file, final ModelCard card, final NDManager manager) {
		final int d = intField(card, "dimension"), c = intField(card, "conditions");
		if (d != card.outputs.size())
			throw new IllegalArgumentException("TorchScript model " + file + ": architecture.dimension " + d + " but the card lists " + card.outputs.size() + " outputs");
		if (c != card.inputs.names.size())
			throw new IllegalArgumentException("TorchScript model " + file + ": architecture.conditions " + c + " but the card lists " + card.inputs.names.size() + " inputs");
		return load(file, d, c, manager);
	}

	/** Loads a TorchScript file with the documented signature. */
	public static TorchScriptFlow load(final Path file, final int dimension, final int conditions, final NDManager manager) {
		final PtSymbolBlock module;
		try {
			module = JniUtils.loadModule((PtNDManager) manager, file, true, new String[0], new String[0], false);
		}
		catch (final RuntimeException e) {
			throw new IllegalArgumentException("cannot load TorchScript model " + file + ": " + e.getMessage(), e);
		}
		final List<String> methods = Arrays.asList(JniUtils.getMethodNames(module));
		if (!methods.contains("inverse")) {
			module.close();
			throw new IllegalArgumentException("TorchScript model " + file + " has no method 'inverse(z, c)'; it has " + methods +
				" (export it with @torch.jit.export)");
		}
		JniUtils.enableInferenceMode(module);
		return new TorchScriptFlow(module, dimension, conditions);
	}

	@Override
	public int dimension() {
		return dimension;
	}

	@Override
	public int conditionDimension() {
		return conditions;
	}

	@Override
	public Conditioning condition(final NDArray observations) {
		if (conditions == 0) return Conditioning.NONE;
		if (observations == null || observations.getShape().dimension() != 2 || observations.getShape().get(1) != conditions)
			throw new IllegalArgumentException("this TorchScript flow needs observations of shape (rows, " + conditions + ")");
		return new Conditioning(observations);
	}

	@Override
	public Transformed forward(final NDArray x, final Conditioning c) {
		try (Autograd off = Autograd.pause(); IValue xv = IValue.from((PtNDArray) x); IValue cv = IValue.from((PtNDArray) perRow(x, c));
			IValue result = module.forward(xv, cv))
		{
			final IValue[] pair = result.toIValueTuple();
			try {
				final PtNDManager m = (PtNDManager) x.getManager();
				final NDArray z = pair[0].toTensor(m), logDet = pair[1].toTensor(m);
				check(z, x, "forward's z");
				return new Transformed(z, logDet);
			}
			finally {
				for (final IValue v : pair) v.close();
			}
		}
	}

	@Override
	public NDArray inverse(final NDArray z, final Conditioning c) {
		try (Autograd off = Autograd.pause(); IValue zv = IValue.from((PtNDArray) z); IValue cv = IValue.from((PtNDArray) perRow(z, c));
			IValue result = IValueUtils.runMethod(module, "inverse", zv, cv))
		{
			final NDArray x = result.toTensor((PtNDManager) z.getManager());
			check(x, z, "inverse's x");
			return x;
		}
	}

	private NDArray perRow(final NDArray rows, final Conditioning c) {
		final long n = rows.getShape().get(0);
		if (conditions == 0) return rows.getManager().zeros(new Shape(n, 0));
		return c.featuresPerRow(n);
	}

	private static void check(final NDArray out, final NDArray in, final String what) {
		if (!out.getShape().equals(in.getShape()))
			throw new IllegalStateException("TorchScript flow: " + what + " has shape " + out.getShape() + ", expected " + in.getShape());
	}

	/** Ranges of the card's outputs (for clipping samples), or null entries when unbounded. */
	static double[][] ranges(final ModelCard card) {
		final double[][] r = new double[card.outputs.size()][];
		for (int i = 0; i < r.length; i++) r[i] = card.outputs.get(i).range;
		return r;
	}

	private static int intField(final ModelCard card, final String field) {
		if (!card.architecture.has(field))
			throw new IllegalArgumentException("TorchScript model card '" + card.name + "': architecture." + field + " is missing");
		return card.architecture.get(field).getAsInt();
	}

	@Override
	public void close() {
		module.close();
	}
}
