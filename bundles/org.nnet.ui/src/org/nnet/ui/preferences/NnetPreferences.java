package org.nnet.ui.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** The NNet preferences of the workspace (instance scope of {@code org.nnet.ui}) and their defaults. */
public final class NnetPreferences extends AbstractPreferenceInitializer {

	/** The preference node. */
	public static final String NODE = "org.nnet.ui";
	/** Where built-in data sets are cached (empty: the runtime's default, ~/.cache/nnet/datasets). */
	public static final String DATA_CACHE = "dataCache";
	/** JVM options of every training's child JVM. */
	public static final String JVM_OPTIONS = "jvmOptions";
	/** OMP_NUM_THREADS of the child JVM. */
	public static final String THREADS = "threads";
	/** The folder holding org.nnet.runtime-*.jar and lib/ (empty: found from the development checkout). */
	public static final String RUNTIME_FOLDER = "runtimeFolder";

	@Override
	public void initializeDefaultPreferences() {
		IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(NODE);
		defaults.put(DATA_CACHE, "");
		defaults.put(JVM_OPTIONS, "-Xmx2g");
		defaults.putInt(THREADS, 1);
		defaults.put(RUNTIME_FOLDER, "");
	}

	/** The preference store the page edits. */
	public static IPreferenceStore store() {
		return new ScopedPreferenceStore(InstanceScope.INSTANCE, NODE);
	}

	/** A string preference, falling back to its default. */
	public static String get(String key) {
		return store().getString(key);
	}

	/** The number of OpenMP threads of a training (at least 1). */
	public static int threads() {
		return Math.max(1, store().getInt(THREADS));
	}
}
