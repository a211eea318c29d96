package dev.backprop.processor.emit;

import com.palantir.javapoet.MethodSpec;

/**
 * The two methods printed for one differentiable method, ready to go into its class; made one
 * method at a time so that a failure costs only that method.
 */
public final class GeneratedMethods {

  private final String method;
  private final MethodSpec valueAndGradient;
  private final MethodSpec pullback;
  private final MethodSpec copy;

  GeneratedMethods(String method, MethodSpec valueAndGradient, MethodSpec pullback,
      MethodSpec copy) {
    this.method = method;
    this.valueAndGradient = valueAndGradient;
    this.pullback = pullback;
    this.copy = copy;
  }

  /** The name of the source method. */
  public String method() {
    return method;
  }

  MethodSpec valueAndGradient() {
    return valueAndGradient;
  }

  MethodSpec pullback() {
    return pullback;
  }

  /** A private helper's copy, or null. */
  MethodSpec copy() {
    return copy;
  }
}
