package dev.backprop.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated gradient of {@link Mlp#loss} over a minibatch, against the loss alone: what a
 * training step costs, and (with {@code -prof gc}) that a warm gradient call allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MlpBenchmark {

  /** Examples per minibatch. */
  @Param({"32"})
  public int batch;

  double[][] x;
  int[] y;
  double[] w1;
  double[] b1;
  double[] w2;
  double[] b2;
  double[] dw1;
  double[] db1;
  double[] dw2;
  double[] db2;

  /** A seeded random batch and parameters. */
  @Setup
  public void setUp() {
    Random random = new Random(42);
    x = new double[batch][Mlp.INPUTS];
    y = new int[batch];
    for (int n = 0; n < batch; n++) {
      for (int i = 0; i < Mlp.INPUTS; i++) {
        x[n][i] = random.nextGaussian();
      }
      y[n] = random.nextInt(Mlp.CLASSES);
    }
    w1 = gaussian(random, Mlp.HIDDEN * Mlp.INPUTS, 0.5);
    b1 = gaussian(random, Mlp.HIDDEN, 0.1);
    w2 = gaussian(random, Mlp.CLASSES * Mlp.HIDDEN, 0.2);
    b2 = gaussian(random, Mlp.CLASSES, 0.1);
    dw1 = new double[w1.length];
    db1 = new double[b1.length];
    dw2 = new double[w2.length];
    db2 = new double[b2.length];
  }

  private static double[] gaussian(Random random, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * random.nextGaussian();
    }
    return v;
  }

  /** The loss alone. */
  @Benchmark
  public double function() {
    return Mlp.loss(x, y, w1, b1, w2, b2);
  }

  /** Loss and gradient with respect to all four parameter arrays. */
  @Benchmark
  public double generated() {
    return MlpGrad.loss(x, y, w1, b1, w2, b2, dw1, db1, dw2, db2);
  }
}
