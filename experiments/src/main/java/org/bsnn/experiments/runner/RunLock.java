package org.bsnn.experiments.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.util.IoErrors;
import org.bsnn.api.util.UserFacingException;

/**
 * The lock of a run folder, held while a process works on the run (a new run or {@code --resume}).
 * The operating system's file lock ({@link FileChannel#tryLock}) decides who holds it, so a process
 * killed with {@code kill -9} never leaves a lock behind; the file's text ({@code pid host since})
 * only names the holder in messages. The text is cleared on release, so text found by a process
 * that got the lock belongs to a process that died while working: its lock is taken over with a
 * notice.
 */
public final class RunLock implements AutoCloseable {

  /** The lock file's name in the run folder. */
  public static final String FILE = "run.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Who holds, or last held, a run's lock.
   *
   * @param pid process id
   * @param host host name
   * @param since when the holder took the lock (ISO-8601), or "?"
   */
  public record Holder(long pid, String host, String since) {

    /** The holder of this process, now. */
    static Holder self(Instant now) {
      return new Holder(
          ProcessHandle.current().pid(),
          hostName(),
          now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }

    /** Parses the lock file's text; empty when blank or unreadable. */
    static Optional<Holder> parse(String text) {
      String[] parts = text.trim().split("\\s+");
      if (parts.length < 2) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Holder(Long.parseLong(parts[0]), parts[1], parts.length > 2 ? parts[2] : "?"));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    /** Whether the holder is a live process on this host; a holder on another host counts. */
    public boolean alive() {
      if (!host.equals(hostName())) {
        return true;
      }
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    String text() {
      return pid + " " + host + " " + since + "\n";
    }

    @Override
    public String toString() {
      return "process " + pid + " on " + host + " (since " + since + ")";
    }
  }

  /**
   * Takes the lock of {@code runDir}.
   *
   * @throws UserFacingException naming the holder when another process holds it, or when the lock
   *     file cannot be written
   */
  public static RunLock acquire(Path runDir, Instant now, RunLog log) {
    Path file = runDir.resolve(FILE);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process (another runner in the same JVM)
      }
      if (lock == null) {
        Optional<Holder> holder = Holder.parse(Files.readString(file, StandardCharsets.UTF_8));
        throw new UserFacingException(
            runDir
                + " is in use by "
                + holder.map(Holder::toString).orElse("another process")
                + "; wait for it to finish, or stop it and run again (lock file "
                + file
                + ")");
      }
      Optional<Holder> previous = Holder.parse(read(channel));
      previous.ifPresent(
          p ->
              log.warn(
                  "taking over the lock of "
                      + runDir
                      + " from "
                      + p
                      + ", which ended without releasing it"));
      Holder self = Holder.self(now);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(self.text().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      RunLock taken = new RunLock(channel, lock);
      channel = null;
      return taken;
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot lock "
              + runDir
              + ": "
              + IoErrors.describe(e)
              + "; the run folder must be writable",
          e);
    } finally {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing was taken
        }
      }
    }
  }

  /** The holder named in a run folder's lock file, whether or not it is still alive. */
  public static Optional<Holder> holder(Path runDir) {
    try {
      return Holder.parse(Files.readString(runDir.resolve(FILE), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Clears the holder's text and releases the lock. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      channel.force(true);
    } catch (IOException e) {
      // a stale text only makes the next holder print a take-over notice
    } finally {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // the operating system releases the lock when the process ends
      }
    }
  }

  private static String read(FileChannel channel) throws IOException {
    long size = Math.min(channel.size(), 4096);
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    channel.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  static String hostName() {
    return HostName.NAME;
  }

  /** Resolved once: the lookup may be slow. */
  private static final class HostName {
    static final String NAME = lookup();

    private static String lookup() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
      }
    }
  }
}
