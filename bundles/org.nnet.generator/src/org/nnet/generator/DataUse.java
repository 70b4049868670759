package org.nnet.generator;

import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.nnet.core.inference.Port;

/**
 * A data source a training reads, with what its model expects of it: what a tool checks the data
 * files against before it trains (the files' contents are not known statically).
 *
 * @param role    {@code data} or {@code validation}
 * @param source  the source's name ({@code csv}, {@code idx}, {@code images}, {@code text}, {@code mnist}, ...)
 * @param args    its arguments by name (strings and whole numbers, defaults filled in); file paths as written
 * @param dataDir the folder relative paths are resolved against (the .nnet file's)
 * @param at      the source expression in the .nnet file (in the dataset declaration when it is a named dataset)
 * @param input   the model input its samples feed (the first input of the network, the encoder or the discriminator)
 * @param output  the output its labels are compared with (supervised networks), or {@code null}
 */
public record DataUse(String role, String source, Map<String, Object> args, String dataDir, EObject at, Port input, Port output) {
}
