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

  GeneratedMethods(String method, MethodSpec valueAndGradient, MethodSpec pullback) {
    this.method = method;
    this.valueAndGradient = valueAndGradient;
    this.pullback = pullback;
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
}
