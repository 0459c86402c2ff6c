package org.bsnn.experiments.config;

import java.util.Arrays;
import java.util.List;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.config.SourceLocation;

/**
 * One {@code key=value} override: {@code group=option} selects a plugin option, {@code
 * group.key=value} sets a config key of a single-plugin group, {@code group.option.key=value} one
 * of a list group's option, and {@code seed=N} / {@code name=X} top-level values.
 *
 * @param path the key split at dots
 * @param value the value parsed as YAML (so "0.5" is a number and "[a, b]" a list)
 * @param location where it was given
 */
public record ConfigOverride(List<String> path, YamlNode value, SourceLocation location) {

  /** Parses {@code key=value} from the command line. */
  public static ConfigOverride parse(String argument) {
    int eq = argument.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(
          "override '" + argument + "' must look like group=option, group.key=value or seed=N");
    }
    SourceLocation where = SourceLocation.commandLine(argument);
    return of(
        argument.substring(0, eq).trim(),
        YamlReader.parseValue(argument.substring(eq + 1), where),
        where);
  }

  /** An override of {@code dottedKey} with an already-parsed value. */
  public static ConfigOverride of(String dottedKey, YamlNode value, SourceLocation where) {
    List<String> path = Arrays.asList(dottedKey.split("\\.", -1));
    if (path.stream().anyMatch(String::isBlank)) {
      throw new ConfigException(where + ": '" + dottedKey + "' has an empty part between dots");
    }
    return new ConfigOverride(List.copyOf(path), value, where);
  }

  /** The key as written, e.g. "normalize.percentile". */
  public String key() {
    return String.join(".", path);
  }

  /** The first part of the key: a group name or a top-level key. */
  public String head() {
    return path.get(0);
  }
}
