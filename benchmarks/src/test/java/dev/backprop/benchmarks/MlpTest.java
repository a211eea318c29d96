package dev.backprop.benchmarks;

import dev.backprop.check.GradientCheck;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmarked MLP gradient is the gradient of the benchmarked loss. */
class MlpTest {

  @Test
  void generatedGradientMatchesCentralDifferences() {
    Random random = new Random(3);
    int batch = 5;
    double[][] x = new double[batch][Mlp.INPUTS];
    int[] y = new int[batch];
    for (int n = 0; n < batch; n++) {
      for (int i = 0; i < Mlp.INPUTS; i++) {
        x[n][i] = random.nextGaussian();
      }
      y[n] = random.nextInt(Mlp.CLASSES);
    }
    int[] sizes = {Mlp.HIDDEN * Mlp.INPUTS, Mlp.HIDDEN, Mlp.CLASSES * Mlp.HIDDEN, Mlp.CLASSES};
    int total = Arrays.stream(sizes).sum();
    double[] point = new double[total];
    for (int i = 0; i < total; i++) {
      point[i] = 0.3 * random.nextGaussian();
    }
    GradientCheck.of(
            p -> {
              double[][] w = split(p, sizes);
              return Mlp.loss(x, y, w[0], w[1], w[2], w[3]);
            },
            (p, g) -> {
              double[][] w = split(p, sizes);
              double[][] d = split(new double[total], sizes);
              double value = MlpGrad.loss(x, y, w[0], w[1], w[2], w[3], d[0], d[1], d[2], d[3]);
              int k = 0;
              for (double[] part : d) {
                System.arraycopy(part, 0, g, k, part.length);
                k += part.length;
              }
              return value;
            })
        .assertAt(point);
  }

  private static double[][] split(double[] flat, int[] sizes) {
    double[][] parts = new double[sizes.length][];
    int k = 0;
    for (int i = 0; i < sizes.length; i++) {
      parts[i] = Arrays.copyOfRange(flat, k, k + sizes[i]);
      k += sizes[i];
    }
    return parts;
  }
}
