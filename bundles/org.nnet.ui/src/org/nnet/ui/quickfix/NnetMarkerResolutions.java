package org.nnet.ui.quickfix;

import org.eclipse.core.resources.IMarker;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.nnet.core.IssueCodes;
import org.nnet.ui.markers.ProblemMarkerUpdater;

/** The quick fixes of NNet problem markers, chosen by the marker's issue code. */
public class NnetMarkerResolutions implements IMarkerResolutionGenerator2 {

	@Override
	public boolean hasResolutions(IMarker marker) {
		return getResolutions(marker).length > 0;
	}

	@Override
	public IMarkerResolution[] getResolutions(IMarker marker) {
		String code = marker.getAttribute(ProblemMarkerUpdater.ISSUE_CODE, "");
		String[] data = ProblemMarkerUpdater.data(marker);
		if (IssueCodes.INSERT_FLATTEN.equals(code)) {
			return new IMarkerResolution[] {new InsertFlattenResolution()};
		}
		if (IssueCodes.CHANNEL_MISMATCH.equals(code) && data.length > 0 && !data[0].isEmpty()) {
			return new IMarkerResolution[] {new InsertChannelConvResolution(data[0])};
		}
		if (IssueCodes.MISSING_OUTPUT.equals(code) && data.length > 0 && !data[0].isEmpty()) {
			return new IMarkerResolution[] {new AddOutputResolution(data[0])};
		}
		return new IMarkerResolution[0];
	}
}
