package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLocationTest {

  @TempDir Path dir;

  private void saveAt(Path where) {
    NetworkIO.save(GradientTrainerTest.tiny("c2p-fc3", 1), where);
  }

  @Test
  void aNetworkDirectoryAJobDirectoryAndASingleJobRunAreFound() {
    saveAt(dir.resolve("plain"));
    assertEquals(dir.resolve("plain"), CheckpointLocation.resolve(dir.resolve("plain").toString()));
    saveAt(dir.resolve("run").resolve("jobs").resolve("0").resolve("network"));
    assertEquals(
        dir.resolve("run/jobs/0/network"),
        CheckpointLocation.resolve(dir.resolve("run/jobs/0").toString()));
    assertEquals(
        dir.resolve("run/jobs/0/network"),
        CheckpointLocation.resolve(dir.resolve("run").toString()));
  }

  @Test
  void aRunWithSeveralJobsAsksForOneAndNamesThem() {
    saveAt(dir.resolve("run/jobs/0/network"));
    saveAt(dir.resolve("run/jobs/1/network"));
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> CheckpointLocation.resolve(dir.resolve("run").toString()));
    assertTrue(
        e.getMessage().contains("2 jobs") && e.getMessage().contains("[0, 1]"), e.getMessage());
  }

  @Test
  void missingOrEmptyPathsAreNamed() throws Exception {
    UserFacingException blank =
        assertThrows(UserFacingException.class, () -> CheckpointLocation.resolve(""));
    assertTrue(blank.getMessage().contains("train.path"), blank.getMessage());
    UserFacingException missing =
        assertThrows(
            UserFacingException.class,
            () -> CheckpointLocation.resolve(dir.resolve("nowhere").toString()));
    assertTrue(
        missing.getMessage().contains("nowhere")
            && missing.getMessage().contains("not a directory"),
        missing.getMessage());
    Files.createDirectories(dir.resolve("empty"));
    UserFacingException empty =
        assertThrows(
            UserFacingException.class,
            () -> CheckpointLocation.resolve(dir.resolve("empty").toString()));
    assertTrue(empty.getMessage().contains("no saved network"), empty.getMessage());
  }

  @Test
  void relativePathsStartAtTheCheckoutRoot() {
    saveAt(dir.resolve("nets/a"));
    String before = System.getProperty(CheckpointLocation.HOME_PROPERTY);
    System.setProperty(CheckpointLocation.HOME_PROPERTY, dir.toString());
    try {
      assertEquals(dir.resolve("nets/a"), CheckpointLocation.resolve("nets/a"));
    } finally {
      if (before == null) {
        System.clearProperty(CheckpointLocation.HOME_PROPERTY);
      } else {
        System.setProperty(CheckpointLocation.HOME_PROPERTY, before);
      }
    }
  }
}
