package org.bsnn.api.config;

/**
 * One configured value and where it was set.
 *
 * @param value a plain value: String, Number, Boolean, List or Map of those
 * @param location the file and line (or command-line argument) that set it last
 */
public record ConfigEntry(Object value, SourceLocation location) {}
