package dev.backprop.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.check.GradientCheck;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks a generated gradient whose method takes arrays: the point is every differentiated
 * scalar, then every element of every differentiated {@code double[]}, in declaration order.
 */
public final class ArrayGradients {

  private final Method original;
  private final Method plain;
  private final Method pullback;
  private final Object[] args;
  private final int[] scalars;
  private final int[] arrays;

  /**
   * @param args a full argument list for the original method (arrays are copied, never written)
   * @param scalars indices of the differentiated double parameters
   * @param arrays indices of the differentiated double[] parameters
   */
  public ArrayGradients(CompiledGradients compiled, String sourceClass, String gradClass,
      String method, Object[] args, int[] scalars, int[] arrays) {
    this.original = find(compiled.load(sourceClass), method);
    this.plain = find(compiled.load(gradClass), method);
    this.pullback = find(compiled.load(gradClass), method + "Pullback");
    this.args = args;
    this.scalars = scalars;
    this.arrays = arrays;
  }

  private static Method find(Class<?> type, String name) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no " + name + " in " + type);
  }

  /** The point: differentiated scalars, then the elements of differentiated arrays. */
  public double[] point() {
    List<Double> x = new ArrayList<>();
    for (int i : scalars) {
      x.add((double) args[i]);
    }
    for (int i : arrays) {
      for (double v : (double[]) args[i]) {
        x.add(v);
      }
    }
    return x.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private Object[] argsAt(double[] x) {
    Object[] copy = args.clone();
    int k = 0;
    for (int i : scalars) {
      copy[i] = x[k++];
    }
    for (int i : arrays) {
      double[] a = ((double[]) args[i]).clone();
      for (int j = 0; j < a.length; j++) {
        a[j] = x[k++];
      }
      copy[i] = a;
    }
    return copy;
  }

  /** Value and gradient from the plain form, as one vector laid out like {@link #point()}. */
  public double valueAndGradient(double[] x, double[] grad) {
    Object[] call = argsAt(x);
    List<Object> all = new ArrayList<>(Arrays.asList(call));
    double[] scalarGrad = new double[scalars.length];
    if (scalars.length > 0) {
      all.add(scalarGrad);
    }
    List<double[]> arrayGrads = new ArrayList<>();
    for (int i : arrays) {
      double[] d = new double[((double[]) call[i]).length];
      Arrays.fill(d, Double.NaN); // the plain form must overwrite
      arrayGrads.add(d);
      all.add(d);
    }
    double value = (double) CompiledGradients.invoke(plain, all.toArray());
    int k = 0;
    for (double d : scalarGrad) {
      grad[k++] = d;
    }
    for (double[] d : arrayGrads) {
      for (double v : d) {
        grad[k++] = v;
      }
    }
    return value;
  }

  /** Checks value, gradient (central differences) and pullback at the arguments given. */
  public void check() {
    double[] x = point();
    double expected = (double) CompiledGradients.invoke(original, argsAt(x));
    double[] grad = new double[x.length];
    assertEquals(expected, valueAndGradient(x, grad), 0.0, "value of " + plain.getName());
    GradientCheck.of(
            p -> (double) CompiledGradients.invoke(original, argsAt(p)),
            this::valueAndGradient)
        .tolerance(1e-6).absoluteTolerance(1e-7)
        .assertAt(x);

    Random random = new Random(x.length);
    double seed = 0.5 + random.nextDouble();
    Object[] call = argsAt(x);
    List<Object> all = new ArrayList<>(Arrays.asList(call));
    all.add(seed);
    double[] scalarGrad = new double[scalars.length];
    for (int i = 0; i < scalarGrad.length; i++) {
      scalarGrad[i] = random.nextGaussian();
    }
    double[] before = scalarGrad.clone();
    if (scalars.length > 0) {
      all.add(scalarGrad);
    }
    List<double[]> arrayGrads = new ArrayList<>();
    List<double[]> arrayBefore = new ArrayList<>();
    for (int i : arrays) {
      double[] d = new double[((double[]) call[i]).length];
      for (int j = 0; j < d.length; j++) {
        d[j] = random.nextGaussian();
      }
      arrayBefore.add(d.clone());
      arrayGrads.add(d);
      all.add(d);
    }
    CompiledGradients.invoke(pullback, all.toArray());
    int k = 0;
    for (int i = 0; i < scalarGrad.length; i++, k++) {
      assertEquals(before[i] + seed * grad[k], scalarGrad[i], 1e-12 * (1 + Math.abs(grad[k])),
          "pullback grad[" + i + "]");
    }
    for (int a = 0; a < arrayGrads.size(); a++) {
      for (int j = 0; j < arrayGrads.get(a).length; j++, k++) {
        assertEquals(arrayBefore.get(a)[j] + seed * grad[k], arrayGrads.get(a)[j],
            1e-12 * (1 + Math.abs(grad[k])), "pullback d" + a + "[" + j + "]");
      }
    }
  }
}
