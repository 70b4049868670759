package org.nnet.core;

/**
 * The issue codes of the problems core finds. The language bundle raises them unchanged, so a
 * quick fix registered for a code works for every place the problem is found. Each constant says
 * what {@link Problem#data()} holds for the fix.
 */
public final class IssueCodes {

    private static final String P = "org.nnet.core.";

    private IssueCodes() {
    }

    // ---- shapes of layers

    /** A layer that needs a flat (or sequence) input gets an image-like one. Data: [layer name]. Fix: insert {@code flatten() ->} before the step. */
    public static final String INSERT_FLATTEN = P + "insertFlatten";
    /** A layer gets token ids where it needs numbers. Data: [vocab of the tokens, or "?"]. Fix: insert {@code embedding(vocab, dim: 32) ->} before the step. */
    public static final String INSERT_EMBEDDING = P + "insertEmbedding";
    /** {@code embedding} gets an input that is not {@code [T] of token(vocab: N)}. Data: []. */
    public static final String EMBEDDING_NEEDS_TOKENS = P + "embeddingNeedsTokens";
    /** {@code embedding}'s vocab is smaller than the tokens' vocab. Data: [the tokens' vocab]. Fix: set the main argument to it. */
    public static final String VOCAB_TOO_SMALL = P + "vocabTooSmall";
    /** A layer gets an input of the wrong rank. Data: [expected rank, actual rank]. */
    public static final String WRONG_RANK = P + "wrongRank";
    /** An image of c channels goes where c' are expected. Data: [expected channel count, actual channel count]. Fix: insert {@code conv2d(expected, kernel: 1) ->}. */
    public static final String CHANNEL_MISMATCH = P + "channelMismatch";
    /** Two shapes that must be equal (add, multiply, a network step's input, composite members) disagree. Data: [expected shape, actual shape]. */
    public static final String SHAPE_MISMATCH = P + "shapeMismatch";
    /** Inputs of {@code concat} disagree off the concatenation axis. Data: [axis]. */
    public static final String CONCAT_MISMATCH = P + "concatMismatch";
    /** {@code concat}'s axis is outside the inputs' rank. Data: [rank]. */
    public static final String AXIS_OUT_OF_RANGE = P + "axisOutOfRange";
    /** {@code reshape} changes the number of elements. Data: [the input's element count]. */
    public static final String RESHAPE_SIZE = P + "reshapeSize";
    /** A convolution or pooling gives an output size of 0 or less. Data: [axis index, computed size]. Fix: {@code padding: same}. */
    public static final String NON_POSITIVE_OUTPUT = P + "nonPositiveOutput";
    /** {@code attention} gets inputs that are not sequences {@code [T, d]}. Data: []. */
    public static final String ATTENTION_DIMS = P + "attentionDims";
    /** A multi-input step ({@code concat}, {@code add}, ...) has too few inputs or a non-node input. Data: []. */
    public static final String WRONG_INPUTS = P + "wrongInputs";

    // ---- arguments and values

    /** A named argument the callee does not take. Data: [the name, closest known name or ""]. Fix: rename. */
    public static final String UNKNOWN_ARGUMENT = P + "unknownArgument";
    /** A value of the wrong type. Data: [argument or property name, expected type description]. */
    public static final String WRONG_ARGUMENT_TYPE = P + "wrongArgumentType";
    /** A number outside its range. Data: [argument name, range description]. */
    public static final String OUT_OF_RANGE = P + "outOfRange";
    /** A required argument is missing. Data: [argument name, a value to insert]. Fix: add {@code name: value}. */
    public static final String MISSING_ARGUMENT = P + "missingArgument";
    /** More positional arguments than the callee takes. Data: [number allowed]. */
    public static final String TOO_MANY_POSITIONAL = P + "tooManyPositional";
    /** An argument given twice. Data: [argument name]. */
    public static final String DUPLICATE_ARGUMENT = P + "duplicateArgument";
    /** A number too large to compute with (or a count that overflows). Data: []. */
    public static final String NUMBER_TOO_LARGE = P + "numberTooLarge";
    /** Integer division by zero in an argument. Data: []. */
    public static final String DIVISION_BY_ZERO = P + "divisionByZero";
    /** A dimension of a shape literal that is not a positive integer or {@code ?}. Data: []. */
    public static final String BAD_DIMENSION = P + "badDimension";

    // ---- chains and networks

    /** A step's callee is not a layer or a network (e.g. {@code -> relu}). Data: [name, a replacement step text or ""]. Fix: replace, e.g. {@code activation(relu)}. */
    public static final String NOT_A_LAYER = P + "notALayer";
    /** A chain starts with a layer that has no input. Data: [name of the network's first input or ""]. Fix: prefix {@code input ->}. */
    public static final String CHAIN_START = P + "chainStart";
    /** A node reference in the middle of a chain. Data: [node name]. */
    public static final String MID_CHAIN_REFERENCE = P + "midChainReference";
    /** Named nodes whose chains depend on each other in a cycle. Data: [node name]. */
    public static final String CYCLE = P + "cycle";
    /** A reference to a node of another network. Data: [node name]. */
    public static final String FOREIGN_NODE = P + "foreignNode";
    /** A network used as a step does not have exactly one input and one output. Data: [network name]. */
    public static final String NETWORK_NOT_SINGLE_IO = P + "networkNotSingleIo";
    /** A network uses itself as a step, directly or through others. Data: [network name]. */
    public static final String RECURSIVE_NETWORK = P + "recursiveNetwork";
    /** A network used as a step fails on the input it gets here. Data: [network name, inner issue code]. */
    public static final String NETWORK_STEP_FAILS = P + "networkStepFails";
    /** A network parameter declared with an unknown type. Data: [the type, closest known type or ""]. Fix: rename. */
    public static final String UNKNOWN_PARAMETER_TYPE = P + "unknownParameterType";
    /** A network without {@code output}. Data: [name of the last node, "true" if the last step of the last chain must first be named with {@code as name}, else "false", index of that chain in the network (or "-1" when it has none, the name then "")]. Fix: add {@code output name}. */
    public static final String MISSING_OUTPUT = P + "missingOutput";
    /** An output that is not a node of the network. Data: []. */
    public static final String BAD_OUTPUT = P + "badOutput";
    /** (warning) An input nothing reads. Data: [input name]. */
    public static final String UNUSED_INPUT = P + "unusedInput";
    /** (warning) A node whose value nothing reads. Data: [node name]. Fix: add it to {@code output}. */
    public static final String UNUSED_NODE = P + "unusedNode";
    /** A repeat count that is not a positive integer. Data: []. */
    public static final String REPEAT_COUNT = P + "repeatCount";
    /** A named step inside {@code repeat}, whose copies would share the name. Data: [name]. Fix: remove {@code as name}. */
    public static final String NAMED_STEP_IN_REPEAT = P + "namedStepInRepeat";
    /** Repeats that expand to more layers than inference follows. Data: [limit]. */
    public static final String REPEAT_TOO_LARGE = P + "repeatTooLarge";
    /** Inference stopped on an unexpected model; never expected. Data: []. */
    public static final String INTERNAL_ERROR = P + "internalError";

    // ---- composites and trainings

    /** A required key of an autoencoder, gan or training is missing. Data: [key, a value to insert or ""]. Fix: add {@code key: value}. */
    public static final String MISSING_PROPERTY = P + "missingProperty";
    /** A key the block does not take. Data: [key, closest known key or ""]. Fix: rename. */
    public static final String UNKNOWN_PROPERTY = P + "unknownProperty";
    /** A key given twice. Data: [key]. */
    public static final String DUPLICATE_PROPERTY = P + "duplicateProperty";
    /** A property value of the wrong kind (a dataset as model, adam as loss, two values, ...). Data: [key, expected category id or description]. */
    public static final String WRONG_PROPERTY_VALUE = P + "wrongPropertyValue";
    /** Autoencoder decoder output differs from the encoder input. Data: [encoder input shape, decoder output shape]. */
    public static final String AUTOENCODER_ROUND_TRIP = P + "autoencoderRoundTrip";
    /** Autoencoder decoder input differs from the code. Data: [code shape, decoder input shape]. */
    public static final String DECODER_INPUT_MISMATCH = P + "decoderInputMismatch";
    /** GAN generator input differs from the noise shape. Data: [generator input shape, noise shape]. Fix: set the noise shape to the first. */
    public static final String GENERATOR_INPUT_MISMATCH = P + "generatorInputMismatch";
    /** GAN generator output differs from the discriminator input. Data: [generator output shape, discriminator input shape]. */
    public static final String GAN_SHAPE_MISMATCH = P + "ganShapeMismatch";
    /** GAN discriminator does not end in one value [1]. Data: [its output shape]. */
    public static final String DISCRIMINATOR_OUTPUT = P + "discriminatorOutput";
    /** A training count (batch, epochs, seed, ...) that is not a (positive) integer. Data: [key]. */
    public static final String NOT_POSITIVE_INTEGER = P + "notPositiveInteger";
    /** {@code discriminator_steps} on a model that is not a gan. Data: [key]. Fix: remove the property. */
    public static final String GAN_ONLY = P + "ganOnly";
    /** Dataset fields do not fit the model's inputs. Data: [field name, field shape, input name, input shape]. */
    public static final String DATA_DOES_NOT_FIT = P + "dataDoesNotFit";
    /** The loss does not fit the model's outputs or the data's targets. Data: [a loss that fits, or ""]. Fix: use it. */
    public static final String LOSS_DOES_NOT_FIT = P + "lossDoesNotFit";
    /** A data file or folder that does not exist. Data: [the path as written, where it was looked for]. */
    public static final String DATA_NOT_FOUND = P + "dataNotFound";
    /** Datasets defined in terms of each other. Data: [dataset name]. */
    public static final String DATASET_CYCLE = P + "datasetCycle";
}
