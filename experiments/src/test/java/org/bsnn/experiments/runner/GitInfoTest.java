package org.bsnn.experiments.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git state recorded in provenance, and why it is missing when git refuses to answer. */
class GitInfoTest {

  @TempDir Path dir;

  private static boolean sh(Path dir, String... command) throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder(List.of(command))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean repository() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a\n");
    return sh(dir, "git", "init", "-q")
        && sh(dir, "git", "add", "a.txt")
        && sh(dir, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "a");
  }

  @Test
  void aCheckoutIsReadWithItsDirtyFlag() throws Exception {
    assumeTrue(repository(), "git is needed");
    GitInfo clean = GitInfo.read(dir);
    assertEquals(40, clean.commit().length(), clean.commit());
    assertFalse(clean.dirty());
    assertTrue(clean.problem().isEmpty());
    Files.writeString(dir.resolve("a.txt"), "b\n");
    assertTrue(GitInfo.read(dir).dirty());
  }

  @Test
  void outsideACheckoutTheCommitIsPlainUnknown() {
    GitInfo none = GitInfo.read(dir);
    assertEquals("unknown", none.commit());
    assertEquals("unknown", none.shortCommit());
    assertTrue(none.problem().isEmpty());
  }

  @Test
  void dubiousOwnershipIsRecordedWithTheReasonAndAWarning() throws Exception {
    assumeTrue(repository(), "git is needed");
    // another owner than the one running: git refuses with "dubious ownership" (needs chown rights)
    assumeTrue(sh(dir, "chown", "-R", "12345:12345", dir.toString()), "chown is needed");
    try {
      GitInfo info = GitInfo.read(dir);
      assumeFalse(info.commit().matches("[0-9a-f]{40}"), "git trusts every directory here");
      assertTrue(
          info.commit().startsWith("unknown (git: detected dubious ownership"), info.commit());
      assertEquals("unknown", info.shortCommit());
      assertEquals("0.1+unknown", info.codeVersion("0.1"));
      String problem = info.problem().orElseThrow();
      assertTrue(problem.contains("safe.directory"), problem);
    } finally {
      sh(dir, "chown", "-R", ProcessHandle.current().info().user().orElse("root"), dir.toString());
    }
  }
}
