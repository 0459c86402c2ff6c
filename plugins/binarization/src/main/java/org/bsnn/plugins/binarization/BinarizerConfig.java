package org.bsnn.plugins.binarization;

import org.bsnn.api.config.Doc;

/**
 * Which layers a binarizer keeps in full precision.
 *
 * @param keepFirst keep the first weighted layer (usually the first conv) in full precision
 * @param keepLast keep the last weighted layer (the classifier) in full precision
 */
public record BinarizerConfig(
    @Doc("keep the first conv/dense layer in full precision (XNOR-Net and the paper do)")
        boolean keepFirst,
    @Doc("keep the last dense layer in full precision (XNOR-Net and the paper do)")
        boolean keepLast) {}
