package org.bsnn.experiments.cli;

import org.bsnn.api.util.WorkbenchVersion;
import org.bsnn.experiments.runner.GitInfo;
import picocli.CommandLine;

/** Prints the workbench version and commit for {@code bsnn --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "bsnn " + GitInfo.read(BsnnCli.home()).codeVersion(WorkbenchVersion.get())
    };
  }
}
