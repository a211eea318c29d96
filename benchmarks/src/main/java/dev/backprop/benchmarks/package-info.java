/**
 * JMH benchmarks of the generated gradients, and the contenders they are measured against.
 *
 * <p>Each workload is a {@code @Differentiable} source class ({@link Neuron}, {@link TwoLayerNet},
 * {@link Svm}, {@link Mlp}) and a contenders class ({@link NeuronContenders},
 * {@link TwoLayerNetContenders}, {@link SvmContenders}, {@link MlpContenders}) holding every way
 * of computing its value and full gradient, all with one signature per workload. The JMH classes
 * ({@link NeuronBenchmark}, {@link TwoLayerNetBenchmark}, {@link SvmBenchmark},
 * {@link MlpBenchmark}) and the agreement test call those same methods, so what is timed is what
 * is checked. {@link Report} turns JMH's JSON result into Markdown tables and a chart.
 */
package dev.backprop.benchmarks;
