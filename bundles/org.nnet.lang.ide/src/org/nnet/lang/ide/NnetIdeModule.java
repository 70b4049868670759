/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.ide;


/**
 * Use this class to register ide components.
 */
public class NnetIdeModule extends AbstractNnetIdeModule {
}
