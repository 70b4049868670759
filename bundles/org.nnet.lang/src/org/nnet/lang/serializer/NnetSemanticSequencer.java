/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.serializer;

/** Writes model changes back as text (used by the formatter and the change serializer). */
public class NnetSemanticSequencer extends AbstractNnetSemanticSequencer {
}
