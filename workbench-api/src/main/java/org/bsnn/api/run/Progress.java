package org.bsnn.api.run;

/**
 * Progress of one long task (epochs, batches, timesteps). Implementations print a throttled line
 * with rate and ETA; {@link #close()} prints the final count and elapsed time.
 */
public interface Progress extends AutoCloseable {

  /** Advances by {@code n} units. */
  void advance(long n);

  /** Sets a short status shown after the counter, e.g. "loss 0.31". */
  void status(String text);

  /** Marks the task finished. */
  @Override
  void close();

  /** A progress that reports nothing (tests). */
  static Progress silent() {
    return new Progress() {
      @Override
      public void advance(long n) {}

      @Override
      public void status(String text) {}

      @Override
      public void close() {}
    };
  }
}
