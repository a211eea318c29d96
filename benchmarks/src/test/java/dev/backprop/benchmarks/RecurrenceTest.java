package dev.backprop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.check.GradientCheck;
import dev.backprop.runtime.Tape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Recurrence#loss} computes what it should at the benchmark's sizes: at 100 000 values the
 * loop saves on every iteration, at 1 000 000 (past the default {@code Tape.CHECKPOINT_BYTES},
 * 699 050 iterations of 24 bytes) it keeps checkpoints for the rest. The generated gradient agrees
 * with central differences, and with a backward pass written out here by hand, to rounding.
 */
class RecurrenceTest {

  private static final double[] W = {0.5, 0.8, 0.1, 0.9};

  @Test
  void theDefaultThresholdCheckpointsTheLongerSeries() {
    assertEquals(16L << 20, Tape.CHECKPOINT_BYTES);
  }

  @Test
  void shortAndLongSeriesMatchCentralDifferencesAndAHandWrittenPass() {
    for (int n : new int[] {2, 3, 1000, 100_000, 1_000_000}) {
      double[] series = series(n);
      GradientCheck.assertGradient(w -> Recurrence.loss(w, series),
          (w, dw) -> RecurrenceGrad.loss(w, series, dw), W.clone());
      double[] generated = new double[4];
      double value = RecurrenceGrad.loss(W.clone(), series, generated);
      double[] byHand = new double[4];
      assertEquals(byHand(W, series, byHand), value, 0.0, "n = " + n);
      for (int i = 0; i < 4; i++) {
        assertEquals(byHand[i], generated[i], 1e-12 * Math.abs(byHand[i]), "n = " + n);
      }
    }
  }

  private static double[] series(int n) {
    Random random = new Random(11);
    double[] series = new double[n];
    double x = 0;
    for (int t = 0; t < n; t++) {
      x = 0.99 * x + 0.1 * random.nextGaussian();
      series[t] = x;
    }
    return series;
  }

  /** The backward pass by hand, keeping every h_t: the reference, with no checkpoints. */
  private static double byHand(double[] w, double[] x, double[] dw) {
    int steps = x.length - 1;
    double[] h = new double[steps + 1]; // h[t + 1] is h_t, h[0] the initial 0
    double loss = 0;
    for (int t = 0; t < steps; t++) {
      h[t + 1] = Math.tanh(w[0] * h[t] + w[1] * x[t] + w[2]);
      double e = w[3] * h[t + 1] - x[t + 1];
      loss += e * e;
    }
    double dh = 0;
    for (int t = steps - 1; t >= 0; t--) {
      double e = w[3] * h[t + 1] - x[t + 1];
      double de = 2 * e;
      dw[3] += h[t + 1] * de;
      dh += w[3] * de;
      double dsum = (1 - h[t + 1] * h[t + 1]) * dh;
      dw[0] += h[t] * dsum;
      dw[1] += x[t] * dsum;
      dw[2] += dsum;
      dh = w[0] * dsum;
    }
    return loss;
  }
}
