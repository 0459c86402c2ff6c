package org.bsnn.experiments.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.api.stage.Stage;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;

/**
 * The checks made after validation and before the run folder is created: every distinct dataset is
 * checked once ({@link DatasetSource#preflight}), then every other stage of every job checks what
 * it will read against its job's dataset ({@link Stage#preflight}). The runner knows no plugin: a
 * plugin takes part by overriding those methods. All problems are reported together.
 */
final class Preflight {

  private final Path cacheDir;
  private final RunLog log;
  private final BiFunction<String, Long, Progress> progress;

  /**
   * @param cacheDir the results cache, where a dataset may fetch or convert its files
   */
  Preflight(Path cacheDir, RunLog log, BiFunction<String, Long, Progress> progress) {
    this.cacheDir = cacheDir;
    this.log = log;
    this.progress = progress;
  }

  /**
   * Checks every job.
   *
   * @throws UserFacingException listing every problem, one per line
   */
  void check(List<ResolvedJob> jobs) {
    Map<Map<String, Object>, DatasetInfo> datasets = new HashMap<>();
    Set<Map<String, Object>> badDatasets = new java.util.HashSet<>();
    Set<String> problems = new LinkedHashSet<>();
    for (ResolvedJob job : jobs) {
      ResolvedStage data = job.one(StageKind.DATASET).orElseThrow();
      Map<String, Object> key = Map.of("plugin", data.provider().id(), "config", data.configMap());
      if (badDatasets.contains(key)) {
        continue;
      }
      DatasetInfo info = datasets.get(key);
      if (info == null) {
        try {
          info = data.create(DatasetSource.class).preflight(context(job, data));
          datasets.put(key, info);
        } catch (UserFacingException e) {
          badDatasets.add(key);
          problems.add(e.getMessage());
          continue;
        }
      }
      for (StageKind kind : StageKind.values()) {
        if (kind == StageKind.DATASET) {
          continue;
        }
        for (ResolvedStage stage : job.all(kind)) {
          try {
            stage.create(Stage.class).preflight(info);
          } catch (UserFacingException e) {
            problems.add(kind.group() + " '" + stage.provider().id() + "': " + e.getMessage());
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new UserFacingException(
          String.join("\n", problems) + "\nno run folder was created; fix the above and run again");
    }
  }

  private StageContext context(ResolvedJob job, ResolvedStage stage) {
    String group = stage.kind().group();
    String id = stage.provider().id();
    return new StageContext(
        job.spec().seed(),
        group,
        id,
        cacheDir.resolve("preflight").resolve(group + "-" + id),
        cacheDir,
        log,
        progress,
        "");
  }
}
