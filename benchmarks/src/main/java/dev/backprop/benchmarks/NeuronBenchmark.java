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
 * Value and full gradient of the sigmoid neuron {@code sig(a*x + b*y + c)}, at the article's
 * point, by every contender of {@link NeuronContenders}.
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
public class NeuronBenchmark {

  double[] point;
  double[] grad;

  /** The point and the gradient buffer, once per run. */
  @Setup
  public void setUp() {
    point = NeuronContenders.articlePoint();
    grad = new double[NeuronContenders.INPUTS];
  }

  /** (d) The forward function alone. */
  @Benchmark
  public double function() {
    return NeuronContenders.function(point);
  }

  /** (a) The generated gradient, plain form. */
  @Benchmark
  public double generated() {
    return NeuronContenders.generated(point, grad);
  }

  /** (b) The generated pullback (value from the function, zeroed grad, seed 1). */
  @Benchmark
  public double pullback() {
    return NeuronContenders.pullback(point, grad);
  }

  /** (c) The article's hand-written backward pass. */
  @Benchmark
  public double handWritten() {
    return NeuronContenders.handWritten(point, grad);
  }

  /** (e) Central differences. */
  @Benchmark
  public double numerical() {
    return NeuronContenders.numerical(point, grad);
  }

  /** (f) An object per wire, micrograd style. */
  @Benchmark
  public double objectAutograd() {
    return NeuronContenders.objectAutograd(point, grad);
  }

  /** (g) Hipparchus forward mode. */
  @Benchmark
  public double hipparchus() {
    return NeuronContenders.hipparchus(point, grad);
  }
}
