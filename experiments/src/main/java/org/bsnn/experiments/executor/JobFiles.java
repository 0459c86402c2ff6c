package org.bsnn.experiments.executor;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A job computed away from the driver: every file of its {@code jobs/<n>/} directory (artefacts,
 * {@code provenance.json}, {@code results.csv}) and the lines it logged, for the driver to write.
 *
 * @param index the job
 * @param files relative path ('/'-separated) to content
 * @param log what the job logged, in order
 */
public record JobFiles(int index, Map<String, byte[]> files, List<String> log)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the collections. */
  public JobFiles {
    files = Map.copyOf(files);
    log = List.copyOf(log);
  }
}
