package org.bsnn.experiments.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.bsnn.api.run.RunLog;

/**
 * Writes log lines to the console (stderr) and appends them with a UTC time stamp to {@code
 * run.log}. Thread-safe.
 */
public final class ConsoleLog implements RunLog, AutoCloseable {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final PrintStream console;
  private final Clock clock;
  private Writer file;

  /** A log printing to {@code console}; call {@link #attach} once the run directory exists. */
  public ConsoleLog(PrintStream console, Clock clock) {
    this.console = console;
    this.clock = clock;
  }

  /** Starts appending to {@code runLog}. */
  public synchronized void attach(Path runLog) throws IOException {
    Files.createDirectories(runLog.getParent());
    file =
        Files.newBufferedWriter(
            runLog, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public void info(String message) {
    write("", message);
  }

  @Override
  public void warn(String message) {
    write("WARNING: ", message);
  }

  /**
   * Writes a line to run.log only: facts worth keeping with the run (the numerical library's
   * backend and threads) that would only clutter the terminal.
   */
  public synchronized void fileOnly(String message) {
    if (file != null) {
      try {
        file.write(TIME.format(clock.instant()) + " " + message + "\n");
        file.flush();
      } catch (IOException e) {
        console.println("WARNING: cannot append to run.log: " + e.getMessage());
        file = null;
      }
    }
  }

  /** The console stream, for progress lines that should not go to run.log. */
  public PrintStream console() {
    return console;
  }

  private synchronized void write(String prefix, String message) {
    console.println(prefix + message);
    if (file != null) {
      try {
        file.write(TIME.format(clock.instant()) + " " + prefix + message + "\n");
        file.flush();
      } catch (IOException e) {
        console.println("WARNING: cannot append to run.log: " + e.getMessage());
        file = null;
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
