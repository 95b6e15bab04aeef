package org.innsight.fiji;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.phantom.BrainTumourPhantom;
import org.innsight.dalsa.phantom.Scribbles;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > InnSight > DALSA Phantom}: the procedural brain-tumour phantom to try DALSA on. Shows
 * {@code dalsa_phantom} (T1, T1c, T2, FLAIR as channels), {@code dalsa_phantom_truth} (1 healthy, 2 oedema,
 * 3 enhancing, 4 necrosis) and the scribbles {@code dalsa_phantom_scribbles_unbiased} / {@code _biased}.
 * Macro: {@code run("DALSA Phantom", "seed=1 scribbles=0.005");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>DALSA Phantom",
	description = "Generate a multi-modal brain-tumour phantom with ground truth and sparse scribbles (96x96x64 voxels of 2x2x2.5 mm).")
public class DalsaPhantomImagesCommand extends InnSightCommand {

	public static final String TITLE = "dalsa_phantom";

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Annotated share of voxels", min = "0.0001", max = "0.05")
	private double scribbles = 0.005;

	@Override
	protected void execute() {
		final BrainTumourPhantom.Phantom p = BrainTumourPhantom.generate(BrainTumourPhantom.Settings.sample(seed));
		final LabelVolume unbiased = Scribbles.draw(p.truth(), Scribbles.Mode.UNBIASED, scribbles, p.tumourCentre(), p.oedemaRadiusMm(), seed + 1);
		final LabelVolume biased = Scribbles.draw(p.truth(), Scribbles.Mode.BIASED, scribbles, p.tumourCentre(), p.oedemaRadiusMm(), seed + 2);
		ResultImages.show(VolumeImages.channels(p.scan().modalities(), p.scan().names(), TITLE), TITLE);
		ResultImages.show(VolumeImages.image(p.truth(), "t"), TITLE + "_truth");
		ResultImages.show(VolumeImages.image(unbiased, "u"), TITLE + "_scribbles_unbiased");
		ResultImages.show(VolumeImages.image(biased, "b"), TITLE + "_scribbles_biased");
	}
}
