package dev.distill.runtime;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a native resource alive while calls are in flight: every call holds the read lock, and
 * {@link #close(Runnable)} frees the resource under the write lock, so a concurrent close waits
 * for running calls instead of freeing memory they still use (which would crash the JVM).
 */
final class CloseGuard {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String what;
  private boolean closed;

  CloseGuard(String what) {
    this.what = what;
  }

  /** Enters a call; throws {@link IllegalStateException} once closed. Pair with {@link #exit()}. */
  void enter() {
    lock.readLock().lock();
    if (closed) {
      lock.readLock().unlock();
      throw new IllegalStateException(what + " is closed; load it again to use it");
    }
  }

  void exit() {
    lock.readLock().unlock();
  }

  /** Runs {@code release} once, after every call in flight has finished. */
  void close(Runnable release) {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      release.run();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
