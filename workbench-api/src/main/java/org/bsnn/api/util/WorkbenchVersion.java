package org.bsnn.api.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The workbench's version, from a resource filtered by Maven at build time. */
public final class WorkbenchVersion {
  private static final String VERSION = load();

  private WorkbenchVersion() {}

  /** The project version, e.g. "0.1.0-SNAPSHOT". */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in =
        WorkbenchVersion.class.getResourceAsStream("/org/bsnn/api/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
