/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.serializer;

/** Chooses the optional keywords and tokens when a model is written back as text. */
public class NnetSyntacticSequencer extends AbstractNnetSyntacticSequencer {
}
