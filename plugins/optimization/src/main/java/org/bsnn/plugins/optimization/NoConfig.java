package org.bsnn.plugins.optimization;

/** The config of an optimizer without settings. */
public record NoConfig() {}
