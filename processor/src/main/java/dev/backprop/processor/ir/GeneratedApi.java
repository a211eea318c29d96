package dev.backprop.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The generated API, in one place (DESIGN.md's contract): for a class {@code p.Outer.Inner}, the
 * class {@code p.Outer_InnerGrad}; for each {@code @Differentiable double f(params)}, the
 * value-and-gradient method {@code double f(params, double[] grad, double[] dw...)} and the
 * pullback {@code void fPullback(params, double seed, double[] grad, double[] dw...)}, where
 * {@code grad} holds the differentiated scalars (left out when there are none) and each
 * differentiated {@code double[] w} gets its own {@code dw}. The processor checks these
 * signatures for clashes, the emit stage prints them, and callers' pullbacks call them.
 */
public final class GeneratedApi {

  /**
   * Names the generated methods refer to as a type or a package (besides the user's classes),
   * which no variable of theirs may therefore have.
   */
  public static final List<String> REFERENCED = List.of(
      "Math", "StrictMath", "Double", "Arrays", "Tape", "Arguments", "dev", "java");

  private GeneratedApi() {}

  /** A parameter of a generated method. */
  public record Parameter(String name, Type type) {}

  /**
   * A generated method.
   *
   * @param returnType {@code double} for the value-and-gradient form, null for the pullback
   */
  public record Signature(String name, List<Parameter> parameters, Type returnType) {
    public Signature {
      parameters = List.copyOf(parameters);
    }

    /** The JVM parameter slots it takes: two for a {@code double} or a {@code long}. */
    public int slots() {
      return parameters.stream()
          .mapToInt(p -> p.type() == Type.DOUBLE || p.type() == Type.LONG ? 2 : 1).sum();
    }

    /** {@code name(double, double[])}: what two methods of one class must not share. */
    public String erasure() {
      return name + parameters.stream().map(p -> p.type().keyword())
          .collect(Collectors.joining(", ", "(", ")"));
    }
  }

  /**
   * The simple name of the gradient class of a class nested as {@code nesting} (outermost first).
   */
  public static String className(List<String> nesting) {
    return String.join("_", nesting) + "Grad";
  }

  /** The name of the pullback of {@code method}. */
  public static String pullbackName(String method) {
    return method + "Pullback";
  }

  /**
   * The name of the copy of a private helper {@code method} (one without
   * {@code @Differentiable}) in its gradient class, which callers' forward sweeps call.
   */
  public static String helperCopyName(String method) {
    return method + "Value";
  }

  /** The value-and-gradient method of {@code m}. */
  public static Signature valueAndGradient(GradientMethod m) {
    return valueAndGradient(m.source().name(), sourceParameters(m), !m.differentiated().isEmpty(),
        m.gradName(), m.arrayAdjoints());
  }

  /** The pullback of {@code m}. */
  public static Signature pullback(GradientMethod m) {
    return pullback(m.source().name(), sourceParameters(m), m.seedName(),
        !m.differentiated().isEmpty(), m.gradName(), m.arrayAdjoints());
  }

  /**
   * The erasures of the two methods generated for {@code m}, known before it is differentiated
   * (they depend on its parameters' types and its {@code wrt} alone): what the methods of one
   * gradient class must not share.
   */
  public static List<String> erasures(Method m) {
    return signatures(m).stream().map(Signature::erasure).toList();
  }

  /** The erasure of a private helper's copy, {@code sqValue(double)}. */
  public static String copyErasure(Method m) {
    String erasure = erasures(m.valueOnly()).get(0);
    return helperCopyName(m.name()) + erasure.substring(erasure.indexOf('('));
  }

  /**
   * The JVM parameter slots of the larger of {@code m}'s two generated methods (its pullback): a
   * {@code double} or a {@code long} takes two, anything else one; a method may take 255.
   */
  public static int parameterSlots(Method m) {
    return signatures(m).stream().mapToInt(Signature::slots).max().orElseThrow();
  }

  /** The value-and-gradient method and the pullback of {@code m}, from its declaration alone. */
  private static List<Signature> signatures(Method m) {
    List<Parameter> source = new ArrayList<>();
    boolean scalars = false;
    List<String> arrayAdjoints = new ArrayList<>();
    for (Method.Parameter p : m.parameters()) {
      source.add(new Parameter(p.name(), p.type()));
      if (m.differentiates(p) && p.type() == Type.DOUBLE) {
        scalars = true;
      } else if (m.differentiates(p)) {
        arrayAdjoints.add("d" + p.name());
      }
    }
    return List.of(valueAndGradient(m.name(), source, scalars, "grad", arrayAdjoints),
        pullback(m.name(), source, "seed", scalars, "grad", arrayAdjoints));
  }

  /** The most parameter slots a JVM method takes. */
  public static final int MAX_SLOTS = 255;

  private static Signature valueAndGradient(String method, List<Parameter> source,
      boolean scalars, String grad, List<String> arrayAdjoints) {
    List<Parameter> parameters = new ArrayList<>(source);
    parameters.addAll(gradientArrays(scalars, grad, arrayAdjoints));
    return new Signature(method, parameters, Type.DOUBLE);
  }

  private static Signature pullback(String method, List<Parameter> source, String seed,
      boolean scalars, String grad, List<String> arrayAdjoints) {
    List<Parameter> parameters = new ArrayList<>(source);
    parameters.add(new Parameter(seed, Type.DOUBLE));
    parameters.addAll(gradientArrays(scalars, grad, arrayAdjoints));
    return new Signature(pullbackName(method), parameters, null);
  }

  private static List<Parameter> sourceParameters(GradientMethod m) {
    List<Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < m.source().parameters().size(); i++) {
      parameters.add(new Parameter(m.parameterName(i), m.source().parameters().get(i).type()));
    }
    return parameters;
  }

  /** {@code double[] grad} when a scalar is differentiated, then {@code double[] dw} per array. */
  private static List<Parameter> gradientArrays(
      boolean scalars, String grad, List<String> arrayAdjoints) {
    List<Parameter> parameters = new ArrayList<>();
    if (scalars) {
      parameters.add(new Parameter(grad, Type.DOUBLE_ARRAY));
    }
    arrayAdjoints.forEach(a -> parameters.add(new Parameter(a, Type.DOUBLE_ARRAY)));
    return parameters;
  }
}
