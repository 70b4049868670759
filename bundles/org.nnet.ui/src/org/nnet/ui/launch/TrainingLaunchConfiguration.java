package org.nnet.ui.launch;

/** The launch configuration type "NNet Training" and the attributes its configurations hold. */
public final class TrainingLaunchConfiguration {

	/** The launch configuration type. */
	public static final String TYPE = "org.nnet.ui.launch.training";
	/** The .nnet file, as a workspace path ({@code /project/folder/file.nnet}). */
	public static final String FILE = "org.nnet.ui.launch.file";
	/** The training's name; empty when the file has one training. */
	public static final String TRAINING = "org.nnet.ui.launch.training";
	/** Overrides the training's epochs; empty for the file's value. */
	public static final String EPOCHS = "org.nnet.ui.launch.epochs";
	/** Trains on the first N samples only; empty for all. */
	public static final String TAKE = "org.nnet.ui.launch.take";
	/** JVM options of the child JVM; empty for the preference's default. */
	public static final String JVM_OPTIONS = "org.nnet.ui.launch.jvmOptions";
	/** The data cache folder; empty for the preference's. */
	public static final String DATA_CACHE = "org.nnet.ui.launch.dataCache";

	private TrainingLaunchConfiguration() {
	}
}
