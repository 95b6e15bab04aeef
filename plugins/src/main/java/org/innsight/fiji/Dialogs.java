package org.innsight.fiji;


import org.innsight.image.Wavelengths;


import ij.ImagePlus;
import ij.WindowManager;

/**
 * What InnSight's dialogs share: the header paragraph with its help page, the model folder that overrides a model
 * name, and image inputs given by title ("none" = no image), with messages naming the key and the open images.
 */
final class Dialogs {

	/** The image choice that means "no image". */
	static final String NONE = "none";
	/** Where each dialog's help page lies: {@code docs/<page>.md} of the project. */
	static final String DOCS = "https://github.com/innsight/innsight/blob/main/docs/";

	private Dialogs() {}

	/** A dialog's header: one paragraph and its help page, as HTML for the dialog's message line. */
	static String about(final String paragraph, final String page) {
		return "<html><body style='width:420px'>" + paragraph + "<br><i>Help: " + DOCS + page + ".md</i></body></html>";
	}

	/** The header's text without its markup, wrapped for ImageJ's dialog, without the help line. */
	static String plain(final String about) {
		final String text = about.replaceAll("<i>Help:.*?</i>", "").replaceAll("<br>", "\n").replaceAll("<[^>]+>", "").strip();
		return wrap(text, 80);
	}

	/** The help page named in a header, or null. */
	static String helpPage(final String about) {
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("Help: (\\S+)").matcher(about);
		return m.find() ? m.group(1).replaceAll("<.*$", "") : null;
	}

	/** {@code text} broken into lines of at most {@code width} characters at spaces. */
	static String wrap(final String text, final int width) {
		final StringBuilder out = new StringBuilder();
		for (final String paragraph : text.split("\n")) {
			int line = 0;
			if (out.length() > 0) out.append('\n');
			for (final String word : paragraph.split(" ")) {
				if (line > 0 && line + 1 + word.length() > width) {
					out.append('\n');
					line = 0;
				}
				else if (line > 0) {
					out.append(' ');
					line++;
				}
				out.append(word);
				line += word.length();
			}
		}
		return out.toString();
	}

	/** The model to load: the folder picked, else the name chosen. */
	static String model(final String name, final String folder) {
		return folder != null && !folder.isBlank() ? folder.strip() : name;
	}

	/** The open image titled {@code title}; null for none (or an empty title). */
	static ImagePlus image(final String title, final String key) {
		if (title == null || title.isBlank() || NONE.equalsIgnoreCase(title.trim())) return null;
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp != null) return imp;
		final String[] open = WindowManager.getImageTitles();
		throw new IllegalArgumentException("key '" + key + "': no open image is titled '" + title + "' (" + (open.length == 0 ? "no images are open"
			: "open images: " + String.join(", ", open)) + "; or none)");
	}

	/**
	 * For a dialog's check ({@link InnSightCommand#check()}): a spectral input is empty when its drop-down had no open
	 * image that says its wavelengths ({@link DialogFields#SPECTRAL}); the message says how to label one.
	 */
	static void spectral(final ImagePlus image, final String key) {
		if (image != null) return;
		if (WindowManager.getImageCount() == 0) throw new IllegalArgumentException("key '" + key + "': no image is open");
		throw new IllegalArgumentException("key '" + key + "': no open image says its wavelengths (open images: " + String.join(", ",
			WindowManager.getImageTitles()) + "). " + Wavelengths.HOW_TO_SAY);
	}
}
