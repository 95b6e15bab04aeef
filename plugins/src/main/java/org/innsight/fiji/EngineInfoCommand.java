package org.innsight.fiji;

import org.innsight.engine.Device;
import org.innsight.engine.EngineReport;
import org.innsight.engine.ModelLookup;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;

/**
 * {@code Plugins > InnSight > Engine Info}: writes the engine, its GPUs, the device a choice resolves to and
 * the models found (each with where it came from, and the places looked in) to the ImageJ log (the Log window in Fiji; standard output when headless), where a macro
 * reads it with {@code getInfo("log")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Engine Info",
	description = "Show InnSight's engine, GPUs, chosen device and installed models in the Log.")
public class EngineInfoCommand extends InnSightCommand {

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	@Override
	protected void execute() {
		for (final String line : EngineReport.create(Device.parse(device), ModelLookup.standard()).lines())
			IJ.log(line);
	}
}
