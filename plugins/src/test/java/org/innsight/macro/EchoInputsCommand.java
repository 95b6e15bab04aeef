package org.innsight.macro;

import java.io.File;

import org.innsight.image.Normalisation;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;

/** A test command with one input of every kind a macro can set; logs what it received. */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Testing>Echo Inputs")
public class EchoInputsCommand implements Command {

	@Parameter
	private String text;

	@Parameter
	private int count = 1;

	@Parameter
	private double scale = 1.5;

	@Parameter
	private boolean flag;

	@Parameter(choices = { "small", "large" })
	private String size = "small";

	@Parameter(required = false)
	private File path;

	@Parameter
	private Normalisation norm = Normalisation.L2;

	@Parameter(required = false)
	private ImagePlus image;

	@Override
	public void run() {
		IJ.log("text=" + text + " count=" + count + " scale=" + scale + " flag=" + flag + " size=" + size + " path=" +
			path + " norm=" + norm.name() + " image=" + (image == null ? null : image.getTitle()));
	}
}
