/**
 * Chapters 1 and 2 of Andrej Karpathy's <em>Hacker's guide to Neural Networks</em>, and the
 * examples its chapter 3 lists, with every backward pass written by the backprop annotation
 * processor instead of by hand.
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
 *   <li>{@link dev.backprop.examples.SvmCost} - the SVM loss function and full-batch descent;
 *   <li>{@link dev.backprop.examples.DatasetSvm} - the same cost as the article writes it, one
 *       loop over the dataset, differentiated as a whole;
 *   <li>{@link dev.backprop.examples.Multiclass} - multiclass structured SVM and softmax on
 *       synthetic 2-d blobs;
 *   <li>{@link dev.backprop.examples.RidgeRegression} - least squares with L2 regularization;
 *   <li>{@link dev.backprop.examples.IrisNet} - a one-hidden-layer network on Fisher's
 *       {@link dev.backprop.examples.Iris} data (Fisher 1936, via the UCI Machine Learning
 *       Repository, CC BY 4.0; the resource {@code iris.csv} says where the copy comes from).
 * </ol>
 *
 * <p>{@link dev.backprop.examples.Walkthrough} prints all of it.
 */
package dev.backprop.examples;
