/**
 * JMH benchmarks of the generated gradients, and the contenders they are measured against.
 *
 * <p>Each workload is a {@code @Differentiable} source class ({@link Neuron}, {@link TwoLayerNet})
 * and a contenders class ({@link NeuronContenders}, {@link TwoLayerNetContenders}) holding every
 * way of computing its value and full gradient, all with one signature. The JMH classes
 * ({@link NeuronBenchmark}, {@link TwoLayerNetBenchmark}) and the agreement test call those same
 * methods, so what is timed is what is checked. {@link Report} turns JMH's JSON result into a
 * Markdown table and a chart.
 */
package dev.backprop.benchmarks;
