package org.bsnn.plugins.spark;

import org.apache.spark.SparkException;
import org.bsnn.api.util.UserFacingException;

/**
 * Carries a task's cause from a worker to the driver: Spark sends a failed task's exception back as
 * text inside its own message, so the workbench's message travels between two markers and the
 * driver cuts it out again ({@link #describe}), instead of showing Spark's stack trace.
 */
final class TaskFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final String START = "[bsnn:";
  static final String END = ":bsnn]";

  private TaskFailure(String message) {
    super(START + message + END, null, false, false);
  }

  /** Runs a task body, turning any failure into one line the driver can find. */
  static <T> T guard(java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (UserFacingException e) {
      throw new TaskFailure(e.getMessage());
    } catch (RuntimeException | OutOfMemoryError e) {
      throw new TaskFailure("internal error on a worker: " + e);
    }
  }

  /** What went wrong, in one line, from an exception Spark raised on the driver. */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m == null) {
        continue;
      }
      int start = m.indexOf(START);
      int end = m.indexOf(END, start + 1);
      if (start >= 0 && end > start) {
        return m.substring(start + START.length(), end);
      }
    }
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    if (m.contains("ExecutorLostFailure") || m.contains("executor lost")) {
      return "its executor was lost on every try (worker killed, crashed or out of memory): "
          + firstLine(m);
    }
    if (e instanceof SparkException || m.contains("SparkContext")) {
      return "Spark: " + firstLine(m);
    }
    return firstLine(m);
  }

  private static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }
}
