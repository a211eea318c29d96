package dev.backprop.benchmarks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An object-per-wire autograd: what a user writes without a gradient compiler. It is Karpathy's
 * micrograd {@code Value} (and the article's {@code Unit} and gates, chapter 1, "backpropagation
 * in practice"): every wire is an object holding its value, its gradient, its children and a
 * closure that pushes its gradient to them; {@link #backward()} sorts the graph topologically and
 * runs the closures in reverse. The gates are the ones the article's circuits use: {@code +},
 * {@code *}, the sigmoid gate and the ReLU. Deliberately plain, as micrograd is: no pooling, no
 * tape reuse.
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

  /** Backpropagates from this wire: {@code d this = 1}, then every closure in reverse order. */
  void backward() {
    List<Value> topo = new ArrayList<>();
    buildTopo(this, new HashSet<>(), topo);
    grad = 1;
    for (int i = topo.size() - 1; i >= 0; i--) {
      topo.get(i).backward.run();
    }
  }

  private static void buildTopo(Value v, Set<Value> visited, List<Value> topo) {
    if (visited.add(v)) {
      for (Value child : v.children) {
        buildTopo(child, visited, topo);
      }
      topo.add(v);
    }
  }
}
