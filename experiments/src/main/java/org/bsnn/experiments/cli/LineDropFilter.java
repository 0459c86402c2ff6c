package org.bsnn.experiments.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passes bytes through unchanged except whole lines that start with a given prefix, which are
 * dropped. A line is held only until it is known not to start with the prefix (at most the prefix's
 * length), so everything else reaches the target as it is written. The prefix is ASCII, so the
 * check works on the bytes of any ASCII-compatible encoding.
 */
final class LineDropFilter extends OutputStream {

  private enum State {
    UNDECIDED,
    KEEP,
    DROP
  }

  private final OutputStream target;
  private final byte[] prefix;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private State state = State.UNDECIDED;

  LineDropFilter(OutputStream target, String prefix) {
    this.target = target;
    this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void write(int b) throws IOException {
    if (b == '\n') {
      if (state == State.UNDECIDED) {
        held.writeTo(target); // a line shorter than the prefix
      }
      if (state != State.DROP) {
        target.write(b);
      }
      held.reset();
      state = State.UNDECIDED;
      return;
    }
    switch (state) {
      case KEEP -> target.write(b);
      case DROP -> {}
      case UNDECIDED -> {
        held.write(b);
        int n = held.size();
        if (prefix[n - 1] != (byte) b) {
          state = State.KEEP;
          held.writeTo(target);
          held.reset();
        } else if (n == prefix.length) {
          state = State.DROP;
          held.reset();
        }
      }
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (state == State.KEEP) {
      // the common case, a kept line: pass the run up to the next newline in one write
      int end = off;
      while (end < off + len && b[end] != '\n') {
        end++;
      }
      target.write(b, off, end - off);
      for (int i = end; i < off + len; i++) {
        write(b[i]);
      }
      return;
    }
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  /** Flushes the target; a held start of a line stays held until the line can be judged. */
  @Override
  public void flush() throws IOException {
    target.flush();
  }

  /** Writes out a held start of a line (the stream ends without judging it) and flushes. */
  @Override
  public void close() throws IOException {
    if (state == State.UNDECIDED && held.size() > 0 && !Arrays.equals(held.toByteArray(), prefix)) {
      held.writeTo(target);
      held.reset();
    }
    target.flush();
  }
}
