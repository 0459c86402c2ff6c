package org.bsnn.plugins.simulation.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small fork-join loop over items (samples): {@code threads - 1} daemon workers plus the caller
 * take items one at a time from a shared counter, so uneven per-sample costs balance out. Each
 * participant has a fixed index, used to pick its {@link Scratch}.
 */
final class Workers implements AutoCloseable {

  /** The loop body: {@code worker} in [0, threads), {@code item} in [0, count). */
  interface Body {
    void run(int worker, int item);
  }

  private final int threads;
  private final ExecutorService pool;

  Workers(int threads) {
    this.threads = Math.max(1, threads);
    this.pool =
        this.threads == 1
            ? null
            : Executors.newFixedThreadPool(
                this.threads - 1,
                r -> {
                  Thread t = new Thread(r, "bsnn-sim-worker");
                  t.setDaemon(true);
                  return t;
                });
  }

  int threads() {
    return threads;
  }

  /** Runs {@code body} for every item in [0, count), in parallel; rethrows the first failure. */
  void forEach(int count, Body body) {
    forEach(count, null, body);
  }

  /**
   * As {@link #forEach(int, Body)}, but the calling thread first runs {@code first} (if not null)
   * while the helpers already take items; it then takes items too.
   */
  void forEach(int count, Runnable first, Body body) {
    int helpers = Math.min(threads, count) - 1;
    if (helpers <= 0) {
      if (first != null) {
        first.run();
      }
      for (int i = 0; i < count; i++) {
        body.run(0, i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int h = 1; h <= helpers; h++) {
      int worker = h;
      futures.add(pool.submit(() -> drain(worker, count, next, body)));
    }
    Throwable failure = null;
    try {
      if (first != null) {
        first.run();
      }
      drain(0, count, next, body);
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(count); // let the helpers stop early
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = failure != null ? failure : e;
      } catch (ExecutionException e) {
        failure = failure != null ? failure : e.getCause();
      }
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    } else if (failure instanceof Error err) {
      throw err;
    } else if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  private static void drain(int worker, int count, AtomicInteger next, Body body) {
    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
      body.run(worker, i);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
