package dev.backprop.processor;

/**
 * Runs a round's work on a thread with a deep stack. Reading, checking, differentiating and
 * printing recurse once per level of an expression or a statement, and javac accepts
 * expressions thousands of levels deep (a 1000-term sum is a tree 1000 levels deep), more than
 * the stack of the thread javac runs processors on holds. The thread is started and joined
 * before the round goes on, so javac's objects are used by one thread at a time, as always.
 */
final class DeepStack {

  /** Bytes of stack: address space reserved, used only as deep as the work goes. */
  static final long BYTES = 512L << 20;

  private DeepStack() {}

  /** Runs {@code work} on a thread of its own with a {@link #BYTES} stack, and waits for it. */
  static void run(Runnable work) {
    Throwable[] thrown = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        work.run();
      } catch (RuntimeException | Error e) {
        thrown[0] = e;
      }
    }, "backprop", BYTES);
    thread.setDaemon(true);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        // the work is javac's own, which cannot be left half done: finish, then pass it on
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (thrown[0] instanceof RuntimeException e) {
      throw e;
    }
    if (thrown[0] instanceof Error e) {
      throw e;
    }
  }
}
