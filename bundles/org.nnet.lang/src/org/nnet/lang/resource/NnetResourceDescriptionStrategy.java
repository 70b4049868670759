/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.resource;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.IAcceptor;
import org.nnet.model.Element;
import org.nnet.model.Model;

/**
 * What a .nnet file exports to the project's index: its declarations (networks, composites, datasets,
 * trainings) only. A network's inputs, nodes and parameters are visible inside it through local scoping
 * and never from another file, so indexing them would only cost time on every keystroke (measured:
 * describing the nodes of a 10,000-layer file was a large part of checking it).
 */
public class NnetResourceDescriptionStrategy extends DefaultResourceDescriptionStrategy {

	@Override
	public boolean createEObjectDescriptions(EObject object, IAcceptor<IEObjectDescription> acceptor) {
		if (object instanceof Model) {
			return true;
		}
		if (object instanceof Element) {
			super.createEObjectDescriptions(object, acceptor);
		}
		return false;
	}
}
