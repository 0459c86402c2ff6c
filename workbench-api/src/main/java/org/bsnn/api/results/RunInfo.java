package org.bsnn.api.results;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run came from, written once per run to {@code provenance.json}.
 *
 * @param workbenchVersion the project version
 * @param gitCommit full commit hash, or "unknown" outside a git checkout
 * @param gitDirty whether tracked files differed from the commit
 * @param java Java runtime version and vendor
 * @param os operating system name, version and architecture
 * @param experimentFile path of the experiment file as given
 * @param experimentSha256 SHA-256 of the experiment file's bytes
 * @param overrides the command-line overrides, in order
 * @param startedAt ISO-8601 start time (UTC)
 * @param runDirectory the run directory, relative to the results root
 * @param environment other facts (ND4J backend, threads), sorted
 */
public record RunInfo(
    String workbenchVersion,
    String gitCommit,
    boolean gitDirty,
    String java,
    String os,
    String experimentFile,
    String experimentSha256,
    List<String> overrides,
    String startedAt,
    String runDirectory,
    Map<String, String> environment) {
  /** Copies collections. */
  public RunInfo {
    overrides = List.copyOf(overrides);
    environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
  }
}
