package org.bsnn.figures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.util.UserFacingException;

/**
 * The results named on a command line: each argument is a {@code results.csv} file or a run
 * directory holding one. Rows of all inputs are concatenated; a row key (experiment, variant, seed,
 * stage, metric, timestep) found in two inputs is an error, since averaging over seeds would count
 * it twice.
 *
 * @param rows all rows, input by input
 * @param csvFiles the files read, in argument order
 */
public record ResultsInput(List<ResultRow> rows, List<Path> csvFiles) {

  /** The results file inside a run directory. */
  public static final String RESULTS = "results.csv";

  /** Copies the lists. */
  public ResultsInput {
    rows = List.copyOf(rows);
    csvFiles = List.copyOf(csvFiles);
  }

  /**
   * Reads the inputs.
   *
   * @throws UserFacingException for a missing path, a directory without results.csv, a malformed
   *     file, or the same row in two inputs
   */
  public static ResultsInput load(List<Path> inputs) {
    if (inputs.isEmpty()) {
      throw new UserFacingException("no input given; name run directories or results.csv files");
    }
    List<ResultRow> rows = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path in : inputs) {
      Path csv = csvOf(in);
      List<ResultRow> read = ResultsCsv.read(csv);
      for (ResultRow r : read) {
        Path before = seen.putIfAbsent(r.key(), csv);
        if (before != null) {
          throw new UserFacingException(
              (before.equals(csv) ? csv + " holds" : before + " and " + csv + " both hold")
                  + " the row experiment="
                  + r.experiment()
                  + ", variant="
                  + r.variant()
                  + ", seed="
                  + r.seed()
                  + ", metric="
                  + r.metric()
                  + (r.timestep().isPresent() ? ", timestep=" + r.timestep().getAsInt() : "")
                  + "; give each run once (runs of one experiment can be combined only when their seeds differ)");
        }
      }
      rows.addAll(read);
      files.add(csv);
    }
    return new ResultsInput(rows, files);
  }

  /** The results.csv of an argument: the file itself, or the one in the directory. */
  public static Path csvOf(Path in) {
    if (!Files.exists(in)) {
      throw new UserFacingException(
          in
              + " does not exist; give a run directory "
              + "(results/runs/<experiment>/<time>_<commit>/) or a results.csv file");
    }
    Path csv = Files.isDirectory(in) ? in.resolve(RESULTS) : in;
    if (!Files.isRegularFile(csv)) {
      throw new UserFacingException(
          in
              + " has no "
              + RESULTS
              + "; did the run finish? "
              + "Give a run directory or a results.csv file");
    }
    return csv;
  }

  /** The directory holding an input's results.csv (the run directory for a run). */
  public static Path runDirOf(Path in) {
    return csvOf(in).toAbsolutePath().normalize().getParent();
  }

  /** The single run directory of the inputs, if they all are the same one. */
  public Optional<Path> singleRunDir() {
    List<Path> dirs =
        csvFiles.stream().map(f -> f.toAbsolutePath().normalize().getParent()).distinct().toList();
    return dirs.size() == 1 ? Optional.of(dirs.get(0)) : Optional.empty();
  }
}
