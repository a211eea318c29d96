package dev.backprop.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Value and gradient (with respect to its 13 parameters) of the 2-layer ReLU network's score,
 * by every contender of {@link TwoLayerNetContenders}.
 *
 * <p>The inputs live in a field of the state (the JIT cannot fold them), each call writes the
 * gradient into the state's {@code grad} array (which stays reachable, so the stores stay) and
 * the value is returned to JMH's blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TwoLayerNetBenchmark {

  double[] point;
  double[] grad;

  /** The point and the gradient buffer, once per run. */
  @Setup
  public void setUp() {
    point = TwoLayerNetContenders.benchmarkPoint();
    grad = new double[TwoLayerNet.PARAMETERS];
  }

  /** (d) The forward function alone. */
  @Benchmark
  public double function() {
    return TwoLayerNetContenders.function(point);
  }

  /** (a) The generated gradient, plain form. */
  @Benchmark
  public double generated() {
    return TwoLayerNetContenders.generated(point, grad);
  }

  /** (b) The generated pullback (value from the function, zeroed grad, seed 1). */
  @Benchmark
  public double pullback() {
    return TwoLayerNetContenders.pullback(point, grad);
  }

  /** (c) The article's hand-written backward pass. */
  @Benchmark
  public double handWritten() {
    return TwoLayerNetContenders.handWritten(point, grad);
  }

  /** (e) Central differences. */
  @Benchmark
  public double numerical() {
    return TwoLayerNetContenders.numerical(point, grad);
  }

  /** (f) An object per wire, micrograd style. */
  @Benchmark
  public double objectAutograd() {
    return TwoLayerNetContenders.objectAutograd(point, grad);
  }

  /** (g) Hipparchus forward mode. */
  @Benchmark
  public double hipparchus() {
    return TwoLayerNetContenders.hipparchus(point, grad);
  }
}
