package org.bsnn.experiments.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A process that takes a run folder's lock, says "locked" and waits to be killed: the other process
 * in {@link RunSafetyTest}'s cross-process lock test.
 */
public final class RunLockHolder {

  private RunLockHolder() {}

  /** Locks {@code args[0]} and sleeps for at most a minute. */
  public static void main(String[] args) throws InterruptedException {
    RunLock.acquire(
        Path.of(args[0]),
        Instant.now(),
        new ConsoleLog(new PrintStream(System.err), Clock.systemUTC()));
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
