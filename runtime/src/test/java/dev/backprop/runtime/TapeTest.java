package dev.backprop.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TapeTest {

  @Test
  void popsInReverseOrder() {
    Tape tape = Tape.get();
    int mark = tape.mark();
    for (int i = 0; i < 1000; i++) {
      tape.push(i * 0.5);
      tape.push(i);
      tape.push(i % 3 == 0);
    }
    for (int i = 999; i >= 0; i--) {
      assertEquals(i % 3 == 0, tape.popBoolean());
      assertEquals(i, tape.popInt());
      assertEquals(i * 0.5, tape.popDouble());
    }
    tape.release(mark);
    assertEquals(0, tape.size());
  }

  @Test
  void releaseDropsEverythingSinceTheMarkAndNests() {
    Tape tape = Tape.get();
    int outer = tape.mark();
    tape.push(1.0);
    double[] a = tape.zeros(3);
    int inner = tape.mark();
    tape.push(2.0);
    tape.push(7);
    tape.zeros(3);
    tape.release(inner);
    assertEquals(1.0, tape.popDouble());
    assertEquals(3, a.length);
    tape.release(outer);
    assertEquals(0, tape.size());
  }

  @Test
  void zerosAreZeroAndReusedWithoutAllocation() {
    Tape tape = Tape.get();
    int mark = tape.mark();
    double[] first = tape.zeros(5);
    first[2] = 3;
    tape.release(mark);
    mark = tape.mark();
    double[] second = tape.zeros(5);
    assertSame(first, second);
    assertArrayEquals(new double[5], second);
    assertNotSame(second, tape.zeros(5));
    assertEquals(4, tape.zeros(4).length);
    tape.release(mark);
    assertThrows(NegativeArraySizeException.class, () -> tape.zeros(-1));
  }

  @Test
  void matricesAreZeroShapedAndReused() {
    Tape tape = Tape.get();
    int mark = tape.mark();
    double[][] first = tape.zeros(3, 4);
    assertEquals(3, first.length);
    for (double[] row : first) {
      assertArrayEquals(new double[4], row);
    }
    first[1][2] = 5;
    double[][] jagged = {{1, 2}, {}, {3, 4, 5}};
    double[][] like = tape.zerosLike(jagged);
    assertEquals(3, like.length);
    for (int i = 0; i < jagged.length; i++) {
      assertArrayEquals(new double[jagged[i].length], like[i]);
    }
    tape.release(mark);
    assertEquals(0, tape.size());
    mark = tape.mark();
    double[][] second = tape.zeros(3, 4);
    assertTrue(second == first || second == like, "an outer array of length 3 is reused");
    for (double[] row : second) {
      assertArrayEquals(new double[4], row);
    }
    assertEquals(0, tape.zeros(0, 7).length);
    tape.release(mark);
    assertEquals(0, tape.size());
    assertThrows(NegativeArraySizeException.class, () -> tape.zeros(-1, 2));
    assertThrows(NegativeArraySizeException.class, () -> tape.zeros(2, -1));
  }

  @Test
  void longsComeBackExactly() {
    Tape tape = Tape.get();
    int mark = tape.mark();
    long[] values = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, 42};
    for (long v : values) {
      tape.push(v);
    }
    for (int i = values.length - 1; i >= 0; i--) {
      assertEquals(values[i], tape.popLong());
    }
    tape.release(mark);
  }

  @Test
  void arrayReferencesComeBackInReverseOrder() {
    Tape tape = Tape.get();
    int mark = tape.mark();
    double[] a = {1};
    double[] b = {2};
    tape.push(a);
    tape.push(b);
    assertSame(b, tape.popDoubleArray());
    assertSame(a, tape.popDoubleArray());
    tape.push(a);
    tape.release(mark);
    assertEquals(0, tape.size());
  }

  @Test
  void eachThreadHasItsOwnTape() throws InterruptedException {
    AtomicReference<Tape> other = new AtomicReference<>();
    Thread thread = new Thread(() -> other.set(Tape.get()));
    thread.start();
    thread.join();
    assertTrue(other.get() != null && other.get() != Tape.get());
    assertSame(Tape.get(), Tape.get());
  }

  @Test
  void theOutermostReleaseGivesBackWhatGrewPastTheLimit() {
    Tape tape = Tape.get();
    int outer = tape.mark();
    long values = Tape.RETAINED_BYTES / 8 + 1;
    for (long i = 0; i < values; i++) {
      tape.push(1.0);
    }
    tape.zeros((int) values);
    int inner = tape.mark();
    tape.release(inner);
    assertTrue(tape.retainedBytes() > 2 * Tape.RETAINED_BYTES, "a nested call keeps it all");
    tape.release(outer);
    assertTrue(tape.retainedBytes() < Tape.RETAINED_BYTES, tape.retainedBytes() + " bytes kept");
  }

  @Test
  void aCallWithinTheLimitKeepsItsCapacity() {
    Tape tape = Tape.get();
    int mark = tape.mark();
    for (int i = 0; i < 100_000; i++) {
      tape.push(1.0);
    }
    tape.zeros(1000);
    tape.release(mark);
    long kept = tape.retainedBytes();
    assertTrue(kept >= 8 * 100_000 + 8 * 1000, kept + " bytes kept");
    mark = tape.mark();
    for (int i = 0; i < 100_000; i++) {
      tape.push(2.0);
    }
    tape.zeros(1000);
    tape.release(mark);
    assertEquals(kept, tape.retainedBytes());
  }

  @Test
  void aFullStackSaysSoInsteadOfOverflowing() {
    // doubling 2^30 would give a negative length
    assertEquals(Tape.LONGEST, Tape.grown(1 << 30, "ints"));
    assertEquals(Tape.LONGEST, Tape.grown(Tape.LONGEST - 1, "ints"));
    assertEquals(512, Tape.grown(256, "doubles"));
    IllegalStateException full =
        assertThrows(IllegalStateException.class, () -> Tape.grown(Tape.LONGEST, "doubles"));
    assertTrue(full.getMessage().startsWith("the tape is full: one gradient call saved "
        + Tape.LONGEST + " doubles"), full.getMessage());
  }

  @Test
  void virtualThreadsBorrowAFewTapesInsteadOfOneEach() throws Exception {
    Method ofVirtual;
    try {
      ofVirtual = Thread.class.getMethod("ofVirtual");
    } catch (NoSuchMethodException e) {
      abort("no virtual threads before Java 21");
      return;
    }
    Object builder = ofVirtual.invoke(null);
    Method unstarted =
        Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
    Set<Tape> seen = Collections.newSetFromMap(
        new ConcurrentHashMap<>());
    AtomicInteger wrong = new AtomicInteger();
    Thread[] threads = new Thread[2000];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] = (Thread) unstarted.invoke(builder, (Runnable) () -> {
        Tape tape = Tape.get();
        seen.add(tape);
        int mark = tape.mark();
        tape.push(id * 1.5);
        double[] local = tape.zeros(4);
        local[1] = id;
        // a nested call borrows a tape of its own
        Tape inner = Tape.get();
        int innerMark = inner.mark();
        inner.push(-1.0);
        inner.releasing = true;
        inner.release(innerMark);
        if (tape.popDouble() != id * 1.5 || local[1] != id || mark != 0 || innerMark != 0) {
          wrong.incrementAndGet();
        }
        tape.releasing = true;
        tape.release(mark);
      });
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(0, wrong.get());
    // one tape per thread would be 2000 (4000 with the nested calls)
    assertTrue(seen.size() <= 4 * Runtime.getRuntime().availableProcessors() + 16,
        "tapes made: " + seen.size());
  }
}
