package org.bsnn.experiments.runner;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunLog;

/**
 * Prints "task: done/total (rate/s, ETA mm:ss) status" to the console at most once per interval,
 * and a summary line to the run log when closed.
 */
public final class ConsoleProgress implements Progress {

  private final String task;
  private final long total;
  private final PrintStream console;
  private final RunLog log;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final long start;
  private long done;
  private long lastPrint;
  private String status = "";

  /**
   * Starts a progress report.
   *
   * @param intervalNanos minimum time between console lines
   */
  public ConsoleProgress(
      String task,
      long total,
      PrintStream console,
      RunLog log,
      LongSupplier nanoClock,
      long intervalNanos) {
    this.task = task;
    this.total = total;
    this.console = console;
    this.log = log;
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
    this.start = nanoClock.getAsLong();
    this.lastPrint = start;
  }

  @Override
  public synchronized void advance(long n) {
    done += n;
    long now = nanoClock.getAsLong();
    if (now - lastPrint >= intervalNanos) {
      lastPrint = now;
      console.println(line(now));
    }
  }

  @Override
  public synchronized void status(String text) {
    status = text == null ? "" : text;
  }

  @Override
  public synchronized void close() {
    double seconds = (nanoClock.getAsLong() - start) / 1e9;
    log.info(
        String.format(
            Locale.ROOT,
            "%s: %d done in %.1f s%s",
            task,
            done,
            seconds,
            status.isEmpty() ? "" : " (" + status + ")"));
  }

  /** The progress line at time {@code now}; public for tests. */
  public synchronized String line(long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / seconds;
    StringBuilder sb = new StringBuilder(task).append(": ").append(done);
    if (total > 0) {
      sb.append('/').append(total);
      if (done > 0 && done < total) {
        long eta = Math.round((total - done) / rate);
        sb.append(String.format(Locale.ROOT, " (%.1f/s, ETA %d:%02d)", rate, eta / 60, eta % 60));
      }
    } else {
      sb.append(String.format(Locale.ROOT, " (%.1f/s)", rate));
    }
    if (!status.isEmpty()) {
      sb.append(' ').append(status);
    }
    return sb.toString();
  }
}
