package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.check.GradientCheck;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MulticlassTest {

  private static final Multiclass.Dataset DATA =
      Multiclass.blobs(Multiclass.DATA_SEED, Multiclass.PER_CLASS);
  private static final int W = Multiclass.CLASSES * 2;
  private static final int B = Multiclass.CLASSES;
  private static final String[] NAMES =
      Packed.names(Packed.names("w", W), Packed.names("b", B));

  @Test
  void datasetIsSeededAndBalanced() {
    assertEquals(Multiclass.CLASSES * Multiclass.PER_CLASS, DATA.x().length);
    int[] counts = new int[Multiclass.CLASSES];
    for (int label : DATA.y()) {
      counts[label]++;
    }
    assertArrayEquals(new int[] {40, 40, 40}, counts);
    Multiclass.Dataset again = Multiclass.blobs(Multiclass.DATA_SEED, Multiclass.PER_CLASS);
    assertTrue(Arrays.deepEquals(DATA.x(), again.x()));
  }

  /** By hand: at w = 0, b = 0 every score is 0, so every wrong class costs exactly the margin. */
  @Test
  void lossesAtZero() {
    double[] w = new double[W];
    double[] b = new double[B];
    assertEquals(2.0, Multiclass.svmLoss(DATA.x(), DATA.y(), w, b, 0.5), 1e-15);
    assertEquals(Math.log(3), Multiclass.softmaxLoss(DATA.x(), DATA.y(), w, b, 0.5), 1e-12);
  }

  @Test
  void svmGradientMatchesCentralDifferences() {
    Random random = new Random(91);
    for (int trial = 0; trial < 8; trial++) {
      double[] point = randomPointAwayFromKinks(random, DATA);
      check(Multiclass::svmLoss, Multiclass.SVM, DATA, point);
    }
  }

  @Test
  void softmaxGradientMatchesCentralDifferences() {
    Random random = new Random(92);
    for (int trial = 0; trial < 8; trial++) {
      check(Multiclass::softmaxLoss, Multiclass.SOFTMAX, DATA, randomPoint(random, 2));
    }
  }

  /** Scores in the thousands: without the max shift exp would overflow to infinity. */
  @Test
  void softmaxIsStableForHugeScores() {
    Random random = new Random(93);
    double[] point = randomPoint(random, 1000);
    double[][] p = Packed.split(point, W, B);
    double loss = Multiclass.softmaxLoss(DATA.x(), DATA.y(), p[0], p[1], Multiclass.LAMBDA);
    assertTrue(Double.isFinite(loss), "loss " + loss);
    double[] dw = new double[W];
    double[] db = new double[B];
    Multiclass.SOFTMAX.valueAndGradient(
        DATA.x(), DATA.y(), p[0], p[1], Multiclass.LAMBDA, dw, db);
    for (double d : Packed.concat(dw, db)) {
      assertTrue(Double.isFinite(d), Arrays.toString(Packed.concat(dw, db)));
    }
    check(Multiclass::softmaxLoss, Multiclass.SOFTMAX, DATA, point);
  }

  @Test
  void gradientsMatchOnRandomDatasetsAndClassCounts() {
    Random random = new Random(94);
    for (int trial = 0; trial < 6; trial++) {
      int classes = 2 + random.nextInt(4);
      int features = 1 + random.nextInt(4);
      int n = 1 + random.nextInt(20);
      double[][] x = new double[n][features];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < features; j++) {
          x[i][j] = random.nextGaussian();
        }
        y[i] = random.nextInt(classes);
      }
      Multiclass.Dataset data = new Multiclass.Dataset(x, y);
      int length = classes * features + classes;
      double[] point;
      do {
        point = new double[length];
        for (int m = 0; m < length; m++) {
          point[m] = random.nextGaussian();
        }
      } while (!awayFromKinks(data, point, classes));
      double[] at = point;
      String[] names = Packed.names(
          Packed.names("w", classes * features), Packed.names("b", classes));
      for (Multiclass.LossGradient g : new Multiclass.LossGradient[] {
        Multiclass.SVM, Multiclass.SOFTMAX
      }) {
        Loss f = g == Multiclass.SVM ? Multiclass::svmLoss : Multiclass::softmaxLoss;
        GradientCheck.of(
                v -> {
                  double[][] p = Packed.split(v, classes * features, classes);
                  return f.value(x, y, p[0], p[1], 0.01);
                },
                (v, grad) -> {
                  double[][] p = Packed.split(v, classes * features, classes);
                  double[] dw = new double[classes * features];
                  double[] db = new double[classes];
                  double value = g.valueAndGradient(x, y, p[0], p[1], 0.01, dw, db);
                  Packed.into(grad, dw, db);
                  return value;
                })
            .names(names)
            .assertAt(at);
      }
    }
  }

  @Test
  void pullbacksAddSeedTimesTheGradient() {
    Random random = new Random(95);
    double[][] p = Packed.split(randomPoint(random, 1), W, B);
    double[] dw = new double[W];
    double[] db = new double[B];
    double[] accW = new double[W];
    double[] accB = new double[B];
    Arrays.fill(accW, 1);
    Arrays.fill(accB, 1);
    MulticlassGrad.softmaxLoss(DATA.x(), DATA.y(), p[0], p[1], Multiclass.LAMBDA, dw, db);
    MulticlassGrad.softmaxLossPullback(
        DATA.x(), DATA.y(), p[0], p[1], Multiclass.LAMBDA, 3, accW, accB);
    for (int m = 0; m < W; m++) {
      assertEquals(1 + 3 * dw[m], accW[m], 1e-12);
    }
    for (int k = 0; k < B; k++) {
      assertEquals(1 + 3 * db[k], accB[k], 1e-12);
    }
    MulticlassGrad.svmLoss(DATA.x(), DATA.y(), p[0], p[1], Multiclass.LAMBDA, dw, db);
    Arrays.fill(accW, 1);
    Arrays.fill(accB, 1);
    MulticlassGrad.svmLossPullback(
        DATA.x(), DATA.y(), p[0], p[1], Multiclass.LAMBDA, 3, accW, accB);
    for (int m = 0; m < W; m++) {
      assertEquals(1 + 3 * dw[m], accW[m], 1e-12);
    }
    for (int k = 0; k < B; k++) {
      assertEquals(1 + 3 * db[k], accB[k], 1e-12);
    }
  }

  /** Measured: 115 of 120 training points (0.958). */
  @Test
  void svmTrainsTo95PercentTrainingAccuracy() {
    Multiclass.Model m = Multiclass.train(
        Multiclass.SVM, DATA, Multiclass.LAMBDA, Multiclass.STEP_SIZE, Multiclass.EPOCHS);
    assertEquals(2.0, m.losses()[0], 1e-15);
    double last = m.losses()[Multiclass.EPOCHS];
    assertTrue(last < 0.1, "final loss " + last);
    double accuracy = Multiclass.accuracy(DATA, m.w(), m.b());
    assertTrue(accuracy >= 0.95, "training accuracy " + accuracy);
  }

  /** Measured: 116 of 120 training points (0.967); the loss falls at every step. */
  @Test
  void softmaxTrainsTo95PercentTrainingAccuracy() {
    Multiclass.Model m = Multiclass.train(
        Multiclass.SOFTMAX, DATA, Multiclass.LAMBDA, Multiclass.STEP_SIZE, Multiclass.EPOCHS);
    double[] losses = m.losses();
    assertEquals(Math.log(3), losses[0], 1e-12);
    for (int e = 1; e < losses.length; e++) {
      assertTrue(losses[e] < losses[e - 1], "epoch " + e + ": " + losses[e - 1] + " -> "
          + losses[e]);
    }
    assertTrue(losses[Multiclass.EPOCHS] < 0.1, "final loss " + losses[Multiclass.EPOCHS]);
    double accuracy = Multiclass.accuracy(DATA, m.w(), m.b());
    assertTrue(accuracy >= 0.95, "training accuracy " + accuracy);
  }

  /** The plain loss function, for the numerical side of the check. */
  @FunctionalInterface
  interface Loss {
    double value(double[][] x, int[] y, double[] w, double[] b, double lambda);
  }

  private static void check(
      Loss f, Multiclass.LossGradient g, Multiclass.Dataset data, double[] point) {
    GradientCheck.of(
            v -> {
              double[][] p = Packed.split(v, W, B);
              return f.value(data.x(), data.y(), p[0], p[1], Multiclass.LAMBDA);
            },
            (v, grad) -> {
              double[][] p = Packed.split(v, W, B);
              double[] dw = new double[W];
              double[] db = new double[B];
              double value =
                  g.valueAndGradient(data.x(), data.y(), p[0], p[1], Multiclass.LAMBDA, dw, db);
              Packed.into(grad, dw, db);
              return value;
            })
        .names(NAMES)
        .assertAt(point);
  }

  private static double[] randomPoint(Random random, double scale) {
    double[] point = new double[W + B];
    for (int m = 0; m < point.length; m++) {
      point[m] = scale * random.nextGaussian();
    }
    return point;
  }

  private static double[] randomPointAwayFromKinks(Random random, Multiclass.Dataset data) {
    for (int tries = 0; tries < 10_000; tries++) {
      double[] point = randomPoint(random, 1);
      if (awayFromKinks(data, point, Multiclass.CLASSES)) {
        return point;
      }
    }
    throw new IllegalStateException("no point away from the hinges' kinks");
  }

  /** No margin term {@code s_k - s_y + 1} within 1e-3 of the hinge's kink at 0. */
  private static boolean awayFromKinks(Multiclass.Dataset data, double[] point, int classes) {
    int features = data.x()[0].length;
    double[][] p = Packed.split(point, classes * features, classes);
    for (int i = 0; i < data.x().length; i++) {
      double[] s = new double[classes];
      for (int k = 0; k < classes; k++) {
        s[k] = p[1][k];
        for (int j = 0; j < features; j++) {
          s[k] += p[0][k * features + j] * data.x()[i][j];
        }
      }
      for (int k = 0; k < classes; k++) {
        if (k != data.y()[i] && Math.abs(s[k] - s[data.y()[i]] + 1) < 1e-3) {
          return false;
        }
      }
    }
    return true;
  }
}
