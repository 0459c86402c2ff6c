package org.bsnn.plugins.evaluation;

/** The config of a metric without settings. */
public record NoConfig() {}
