package org.nnet.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.actions.ILaunchable;

/**
 * Marks .nnet files as launchable: the platform shows Run As in a view's context menu (Project Explorer)
 * only for objects with an {@link ILaunchable} adapter; which shortcuts it lists there is up to their
 * contextual-launch enablement (NNet Training: one .nnet file).
 */
public final class NnetLaunchableAdapterFactory implements IAdapterFactory {

	private static final ILaunchable LAUNCHABLE = new ILaunchable() {
	};

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> type) {
		if (type == ILaunchable.class && adaptable instanceof IFile f && "nnet".equals(f.getFileExtension())) {
			return type.cast(LAUNCHABLE);
		}
		return null;
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { ILaunchable.class };
	}
}
