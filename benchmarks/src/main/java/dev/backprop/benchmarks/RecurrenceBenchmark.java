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
 * Value and gradient of {@link Recurrence#loss}, a loop that must keep what each iteration
 * overwrote, over a series of {@code n} values: at {@code n = 100 000} its saves fit in
 * {@code Tape.CHECKPOINT_BYTES} (16 MiB by default) and nothing changes; at 10 million the loop
 * keeps checkpoints after its first 699 050 iterations, and each later iteration runs forward
 * twice. Run it with {@code -jvmArgsAppend -Dbackprop.tape.checkpointBytes=...} to move the
 * threshold, and with {@code -bm ss -prof gc} to see a cold call's allocation (the tape's
 * growth). The series is a seeded random walk; the weights are fixed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RecurrenceBenchmark {

  /** The length of the series. */
  @Param({"100000", "10000000"})
  public int n;

  double[] series;
  final double[] w = {0.5, 0.8, 0.1, 0.9};
  final double[] dw = new double[4];

  /** The seeded series, once per run. */
  @Setup
  public void setUp() {
    Random random = new Random(11);
    series = new double[n];
    double x = 0;
    for (int t = 0; t < n; t++) {
      x = 0.99 * x + 0.1 * random.nextGaussian();
      series[t] = x;
    }
  }

  /** The function alone. */
  @Benchmark
  public double function() {
    return Recurrence.loss(w, series);
  }

  /** The generated value and gradient. */
  @Benchmark
  public double generated() {
    return RecurrenceGrad.loss(w, series, dw);
  }
}
