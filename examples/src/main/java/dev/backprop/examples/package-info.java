/**
 * Chapters 1 and 2 of Andrej Karpathy's <em>Hacker's guide to Neural Networks</em>, with every
 * backward pass written by the backprop annotation processor instead of by hand.
 *
 * <p>Each class mirrors one section of the article. The circuits are ordinary static methods
 * marked {@link dev.backprop.Differentiable @Differentiable}; for a class {@code Foo} the processor
 * generates {@code FooGrad}, whose {@code method(..., grad)} returns the value and overwrites
 * {@code grad} with the exact gradient, and whose {@code methodPullback(..., seed, grad)} adds
 * {@code seed} times the gradient onto {@code grad} (the article's {@code circuit.backward(pull)}).
 *
 * <ol>
 *   <li>{@link dev.backprop.examples.SingleGate} - one {@code *} gate, three strategies;
 *   <li>{@link dev.backprop.examples.MultipleGates} - {@code (x + y) * z} and the chain rule;
 *   <li>{@link dev.backprop.examples.SingleNeuron} - a sigmoid neuron;
 *   <li>{@link dev.backprop.examples.BackpropNinja} - the "becoming a backprop ninja" drills;
 *   <li>{@link dev.backprop.examples.SupportVectorMachine} - an SVM trained by its force
 *       specification;
 *   <li>{@link dev.backprop.examples.TwoLayerNet} - the same data, a 2-layer ReLU network;
 *   <li>{@link dev.backprop.examples.SvmCost} - the SVM loss function and full-batch descent.
 * </ol>
 *
 * <p>{@link dev.backprop.examples.Walkthrough} prints all of it.
 */
package dev.backprop.examples;
