package dev.backprop.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An object-per-wire autograd: what a user writes without a gradient compiler. It is Karpathy's
 * micrograd {@code Value} (and the article's {@code Unit} and gates, chapter 1, "backpropagation
 * in practice"): every wire is an object holding its value, its gradient, its children and a
 * closure that pushes its gradient to them; {@link #backward()} sorts the graph topologically and
 * runs the closures in reverse. The gates are the ones the article's circuits use ({@code +},
 * {@code *}, the sigmoid gate, the ReLU) and the ones of micrograd the MLP's loss needs
 * ({@code -}, {@code tanh}, {@code exp}, {@code log}). Deliberately plain, as micrograd is: no
 * pooling, no tape reuse.
 */
final class Value {

  private static final Value[] LEAF = {};
  private static final Runnable NOTHING = () -> {};

  final double data;
  double grad;
  private final Value[] children;
  private Runnable backward = NOTHING;

  /** A leaf: an input or a parameter. */
  Value(double data) {
    this(data, LEAF);
  }

  private Value(double data, Value... children) {
    this.data = data;
    this.children = children;
  }

  /** The add gate: {@code d this += d out, d other += d out}. */
  Value add(Value other) {
    Value out = new Value(data + other.data, this, other);
    out.backward = () -> {
      this.grad += out.grad;
      other.grad += out.grad;
    };
    return out;
  }

  /** The subtract gate: {@code d this += d out, d other -= d out}. */
  Value sub(Value other) {
    Value out = new Value(data - other.data, this, other);
    out.backward = () -> {
      this.grad += out.grad;
      other.grad -= out.grad;
    };
    return out;
  }

  /** The multiply gate: {@code d this += other * d out, d other += this * d out}. */
  Value mul(Value other) {
    Value out = new Value(data * other.data, this, other);
    out.backward = () -> {
      this.grad += other.data * out.grad;
      other.grad += this.data * out.grad;
    };
    return out;
  }

  /** The article's sigmoid gate: {@code d this += s * (1 - s) * d out}. */
  Value sigmoid() {
    double s = 1 / (1 + Math.exp(-data));
    Value out = new Value(s, this);
    out.backward = () -> this.grad += s * (1 - s) * out.grad;
    return out;
  }

  /** micrograd's ReLU, {@code max(0, this)}: the gradient flows only if the neuron fired. */
  Value relu() {
    Value out = new Value(data > 0 ? data : 0, this);
    out.backward = () -> this.grad += (out.data > 0 ? 1 : 0) * out.grad;
    return out;
  }

  /** micrograd's tanh: {@code d this += (1 - t * t) * d out}. */
  Value tanh() {
    double t = Math.tanh(data);
    Value out = new Value(t, this);
    out.backward = () -> this.grad += (1 - t * t) * out.grad;
    return out;
  }

  /** micrograd's exp: {@code d this += e * d out}, the gate's own output. */
  Value exp() {
    double e = Math.exp(data);
    Value out = new Value(e, this);
    out.backward = () -> this.grad += e * out.grad;
    return out;
  }

  /** The natural logarithm: {@code d this += d out / this}. */
  Value log() {
    Value out = new Value(Math.log(data), this);
    out.backward = () -> this.grad += out.grad / this.data;
    return out;
  }

  /** Backpropagates from this wire: {@code d this = 1}, then every closure in reverse order. */
  void backward() {
    List<Value> topo = topologicalOrder();
    grad = 1;
    for (int i = topo.size() - 1; i >= 0; i--) {
      topo.get(i).backward.run();
    }
  }

  /**
   * Children before parents, in the order of micrograd's recursive {@code build_topo} (a
   * depth-first search, a {@code HashSet} of visited wires), with an explicit stack: a cost
   * summed over a dataset is a chain as long as the dataset, far deeper than the call stack.
   */
  private List<Value> topologicalOrder() {
    List<Value> topo = new ArrayList<>();
    Set<Value> visited = new HashSet<>();
    Value[] stack = new Value[16];
    int[] nextChild = new int[16];
    int depth = 0;
    visited.add(this);
    stack[depth++] = this;
    while (depth > 0) {
      Value v = stack[depth - 1];
      int i = nextChild[depth - 1];
      if (i < v.children.length) {
        nextChild[depth - 1] = i + 1;
        Value child = v.children[i];
        if (visited.add(child)) {
          if (depth == stack.length) {
            stack = Arrays.copyOf(stack, 2 * depth);
            nextChild = Arrays.copyOf(nextChild, 2 * depth);
          }
          stack[depth] = child;
          nextChild[depth] = 0;
          depth++;
        }
      } else {
        topo.add(v);
        depth--;
      }
    }
    return topo;
  }
}
