package org.bsnn.api.data;

import java.util.List;

/**
 * Whether a dataset's files are present and verified, for {@code bsnn data list}.
 *
 * @param dataset the source id
 * @param files one entry per file the source needs
 * @param howToGet the command or download that makes missing files present
 */
public record DataStatus(String dataset, List<FileStatus> files, String howToGet) {

  /** Copies the list. */
  public DataStatus {
    files = List.copyOf(files);
  }

  /** True when every file is present and its checksum matches (or needs none). */
  public boolean ready() {
    return files.stream()
        .allMatch(
            f -> f.state() == ChecksumState.VERIFIED || f.state() == ChecksumState.NOT_RECORDED);
  }

  /** Checksum state of one file. */
  public enum ChecksumState {
    VERIFIED,
    MISMATCH,
    NOT_RECORDED,
    MISSING
  }

  /**
   * One file of a dataset.
   *
   * @param path where the workbench looks for it
   * @param sha256 the actual SHA-256 when present, else empty
   * @param state whether it matches the recorded checksum
   */
  public record FileStatus(String path, String sha256, ChecksumState state) {}
}
