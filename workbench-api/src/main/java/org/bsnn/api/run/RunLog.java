package org.bsnn.api.run;

/** Messages for the console and the run's {@code run.log}. */
public interface RunLog {
  /** An informational line. */
  void info(String message);

  /** Something the user should look at; the run goes on. */
  void warn(String message);
}
