/**
 * Dataset plugins ({@link org.bsnn.api.stage.DatasetSource}) and the shared machinery they use:
 * where data lives ({@link org.bsnn.datasets.CacheLocation}), checksums ({@link
 * org.bsnn.datasets.KnownChecksums}), preprocessing ({@link org.bsnn.datasets.Normalization},
 * {@link org.bsnn.datasets.PadCropFlip}) and batched iteration ({@link
 * org.bsnn.datasets.LoaderSplit}). Sub-packages hold one file format each.
 */
package org.bsnn.datasets;
