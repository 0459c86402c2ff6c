package org.bsnn.api.stage;

import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.run.RunContext;

/**
 * Provides a labelled image dataset: where the files are, whether they are present and verified,
 * how to fetch them, and batched access to the splits.
 */
public non-sealed interface DatasetSource extends Stage {

  /**
   * Opens the dataset, fetching it first when the source can do so automatically.
   *
   * @throws org.bsnn.api.data.DataUnavailableException when files are missing and cannot be
   *     fetched; the message says where the source looked and how to get them
   */
  Dataset open(RunContext context);

  /**
   * Checks, before the run folder is created, that the data is present, readable and valid, and
   * returns what later stages' {@link Stage#preflight} checks need. The default opens the dataset
   * (fetching it when the source can), which checks everything {@link #open} checks; a source with
   * a cheaper check (headers only) may override it.
   *
   * @throws org.bsnn.api.util.UserFacingException naming the file and the problem
   */
  default DatasetInfo preflight(RunContext context) {
    return open(context).info();
  }

  /** Where the data lives and whether it is present and verified; never fetches. */
  DataStatus status();

  /**
   * Makes the data present (download, extract, verify checksums). Generated data needs nothing.
   *
   * @param allowUnverified accept files whose SHA-256 does not match the recorded checksum
   */
  default void fetch(RunContext context, boolean allowUnverified) {}
}
