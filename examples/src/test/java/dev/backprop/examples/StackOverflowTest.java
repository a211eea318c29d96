package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.runtime.Tape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A gradient call cut short by a {@code StackOverflowError} (deep recursion in the caller, which
 * calls the gradient at every level) leaves the thread's tape as it found it: the overflow
 * strikes anywhere in the call, in the tape's own pushes and in the release of its
 * {@code finally} too, and the next call starts from a clean tape and is exact.
 */
class StackOverflowTest {

  private static final int D = 3;
  private static final int H = 4;
  private static final int K = 3;
  private final double[][] x = new double[5][D];
  private final int[] y = new int[5];
  private final double[][] p = {new double[H * D], new double[H], new double[K * H], new double[K]};
  private final double[][] d = {new double[H * D], new double[H], new double[K * H], new double[K]};

  StackOverflowTest() {
    Random random = new Random(7);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < D; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = random.nextInt(K);
    }
    for (double[] a : p) {
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextGaussian();
      }
    }
  }

  private double gradient() {
    return IrisNetGrad.loss(x, y, p[0], p[1], p[2], p[3], 0.01, d[0], d[1], d[2], d[3]);
  }

  private int deep(int level) {
    gradient();
    return deep(level + 1) + 1;
  }

  @Test
  void anOverflowAnywhereInTheCallLeavesTheTapeClean() {
    double value = gradient();
    double[][] expected = {d[0].clone(), d[1].clone(), d[2].clone(), d[3].clone()};
    for (int trial = 0; trial < 150; trial++) {
      try {
        deep(0);
      } catch (StackOverflowError expectedOverflow) {
        // the recursion ends here, at a different point of the gradient call each time
      }
      Tape tape = Tape.get();
      int mark = tape.mark();
      assertEquals(0, mark, "an unreleased mark after trial " + trial);
      assertEquals(0, tape.size(), "values left on the tape after trial " + trial);
      tape.release(mark);
    }
    assertEquals(value, gradient(), 0.0);
    for (int a = 0; a < 4; a++) {
      assertArrayEquals(expected[a], d[a], 0.0);
    }
  }
}
