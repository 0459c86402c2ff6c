package org.bsnn.api.plugin;

/**
 * The config record of a plugin without settings: binds from an empty YAML map (or none), and any
 * key given for the plugin is reported as unknown.
 */
public record NoConfig() {}
