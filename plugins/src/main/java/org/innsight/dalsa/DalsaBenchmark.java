package org.innsight.dalsa;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import org.innsight.dalsa.phantom.BrainTumourPhantom;
import org.innsight.dalsa.phantom.Scribbles;
import org.innsight.progress.ParallelTasks;
import org.innsight.progress.ProgressListener;

/**
 * Speed and memory of DALSA on a BraTS-sized phantom: training (features, weights, forest) and full-volume
 * segmentation are timed separately, with the peak heap of each phase. Backs {@code innsight bench dalsa}.
 */
public final class DalsaBenchmark {

	/**
	 * @param trainingSeconds features + weights + forest
	 * @param trainingParts seconds for features, weights, forest
	 * @param trainingCpuSeconds, segmentationCpuSeconds CPU time of the whole process in each phase (all threads, GC
	 *        and JIT included); on a machine shared with other work it shows what the phase itself costs
	 * @param peakHeapBytes per phase: sum of the heap pools' peaks (an upper bound of the true peak)
	 */
	public record Result(int[] dims, int annotatedVoxels, int foregroundVoxels, double generateSeconds, double trainingSeconds,
		double[] trainingParts, double segmentationSeconds, double trainingCpuSeconds, double segmentationCpuSeconds, long trainingPeakHeapBytes,
		long segmentationPeakHeapBytes, long maxHeapBytes, double wholeTumourDice, int threads) {}

	private DalsaBenchmark() {}

	/**
	 * @param annotated target number of annotated voxels (unbiased scribbles)
	 * @param phases progress of each phase, by name
	 */
	public static Result run(final BrainTumourPhantom.Settings phantom, final int annotated, final DalsaTrainRequest options,
		final int threads, final ProgressListener progress)
	{
		final long g0 = System.nanoTime();
		final BrainTumourPhantom.Phantom p = BrainTumourPhantom.generate(phantom);
		final int voxels = p.scan().voxelCount();
		final LabelVolume scribbles = Scribbles.draw(p.truth(), Scribbles.Mode.UNBIASED, (double) annotated / voxels, p.tumourCentre(),
			p.oedemaRadiusMm(), phantom.seed() + 1);
		final double generate = (System.nanoTime() - g0) / 1e9;

		resetPeaks();
		final long t0 = System.nanoTime(), tc0 = cpu();
		final DalsaTrainer.Result trained = DalsaTrainer.train(p.scan(), scribbles, null, null, options, threads, progress);
		final double training = (System.nanoTime() - t0) / 1e9, trainingCpu = (cpu() - tc0) / 1e9;
		final long trainingPeak = peak();

		resetPeaks();
		final long s0 = System.nanoTime(), sc0 = cpu();
		final DalsaSegmenter.Segmentation seg = DalsaSegmenter.segment(trained.classifier(), p.scan(), null, true, options.tileSize(),
			threads, progress);
		final double segmentation = (System.nanoTime() - s0) / 1e9, segmentationCpu = (cpu() - sc0) / 1e9;
		final long segmentationPeak = peak();
		return new Result(p.scan().grid().dimensions(), trained.annotatedVoxels(), IntensityNormalisation.count(IntensityNormalisation.foreground(p.scan())),
			generate, training, trained.seconds(), segmentation, trainingCpu, segmentationCpu, trainingPeak, segmentationPeak, Runtime.getRuntime().maxMemory(),
			Dice.of(seg.labels(), p.truth(), BrainTumourPhantom.WHOLE_TUMOUR), ParallelTasks.threads(threads));
	}

	/** CPU nanoseconds used by this process so far, or 0 if the JVM does not tell. */
	private static long cpu() {
		return Math.max(0, org.innsight.progress.ProcessCpu.nanos());
	}

	private static void resetPeaks() {
		System.gc();
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
	}

	private static long peak() {
		long peak = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		return peak;
	}
}
