package dev.backprop.benchmarks;

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
 * Value and gradient (with respect to the {@code k * d} centroid coordinates) of GradBench's
 * k-means cost, {@link KMeans#cost}, by the contenders of {@link KMeansContenders}, at
 * {@code k = 100} centroids in {@code d = 16} dimensions and {@code n = 1 000} and
 * {@code 10 000} points uniform in the unit cube, the centroids the last {@code k} points
 * (GradBench's {@code kmeans} inputs of those sizes, drawn here with its seed from
 * {@code java.util.Random}).
 *
 * <p>The same settings as the other workloads. The points and the centroids live in the state,
 * each call writes the gradient into the state's {@code grad} array and the cost is returned to
 * JMH's blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class KMeansBenchmark {

  /** The number of points. */
  @Param({"1000", "10000"})
  public int n;

  KMeansContenders.Input data;
  double[] centroids;
  double[] grad;

  /** The seeded points and centroids and the gradient buffer, once per run. */
  @Setup
  public void setUp() {
    data = KMeansContenders.Input.generate(n, KMeansContenders.K, KMeansContenders.D,
        KMeansContenders.SEED);
    centroids = data.centroids();
    grad = new double[centroids.length];
  }

  /** (d) The function alone. */
  @Benchmark
  public double function() {
    return KMeansContenders.function(data, centroids);
  }

  /** (a) The generated gradient, plain form. */
  @Benchmark
  public double generated() {
    return KMeansContenders.generated(data, centroids, grad);
  }

  /** (b) The generated pullback (value from the function, zeroed grad, seed 1). */
  @Benchmark
  public double pullback() {
    return KMeansContenders.pullback(data, centroids, grad);
  }

  /** (c) The hand-written gradient: the closest centroid remembered, only it pulled. */
  @Benchmark
  public double handWritten() {
    return KMeansContenders.handWritten(data, centroids, grad);
  }
}
