package dev.backprop.processor.read;

import dev.backprop.processor.ir.PullbackRegistration.Kind;
import dev.backprop.processor.ir.PullbackRegistration.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The pullbacks users register with {@code @PullbackOf}: which function each is the pullback
 * of, whether its signature fits that function, and which one a call uses. A registration is
 * looked up where an isolating processor may look: the calling method's top-level class and the
 * function's, with the classes nested in them.
 */
final class Pullbacks {

  /** The annotation, by name: the processor does not depend on the runtime jar. */
  static final String ANNOTATION = "dev.backprop.PullbackOf";

  /** Parameter types a function with a pullback may take, as differentiable methods do. */
  private static final Set<String> PARAMETER_TYPES =
      Set.of("double", "int", "long", "boolean", "double[]", "int[]", "double[][]");

  private Pullbacks() {}

  /**
   * What a {@code @PullbackOf} names: the function's class and name, and its wrt; {@code type}
   * is null when the annotation names no class ({@code int.class}), and {@code erroneous} tells
   * that javac has reported something in it already.
   */
  record Named(TypeElement type, String method, List<String> wrt, boolean erroneous) {

    /** {@code Erf.erf}, as messages quote a function. */
    String function() {
      return (type == null ? "?" : type.getSimpleName()) + "." + method;
    }
  }

  /**
   * A registration resolved: the function, which of its parameters the pullback differentiates,
   * or what does not fit.
   */
  record Resolved(Named named, ExecutableElement function, List<Boolean> differentiated,
      List<Problem> problems) {

    boolean fits() {
      return problems.isEmpty();
    }
  }

  /** What {@code @PullbackOf} on {@code pullback} names, or null when it has none. */
  static Named named(ExecutableElement pullback) {
    for (AnnotationMirror mirror : pullback.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (!annotation.getQualifiedName().contentEquals(ANNOTATION)) {
        continue;
      }
      TypeElement type = (TypeElement) pullback.getEnclosingElement();
      String method = "";
      List<String> wrt = new ArrayList<>();
      boolean erroneous = false;
      for (var entry : mirror.getElementValues().entrySet()) {
        String name = entry.getKey().getSimpleName().toString();
        Object value = entry.getValue().getValue();
        if (name.equals("type") && value instanceof TypeMirror named) {
          erroneous |= named.getKind() == TypeKind.ERROR;
          type = named.getKind() == TypeKind.VOID ? type
              : named.getKind() == TypeKind.DECLARED
                  ? (TypeElement) ((DeclaredType) named).asElement() : null;
        } else if (name.equals("method")) {
          erroneous |= !(value instanceof String);
          method = String.valueOf(value);
        } else if (name.equals("wrt") && value instanceof List<?> items) {
          for (Object item : items) {
            Object w = ((AnnotationValue) item).getValue();
            erroneous |= !(w instanceof String);
            wrt.add(String.valueOf(w));
          }
        } else if (!(value instanceof TypeMirror) && name.equals("type")) {
          erroneous = true;
        }
      }
      return new Named(type, method, wrt, erroneous);
    }
    return null;
  }

  /** Resolves the registration on {@code pullback}, which {@code named} describes. */
  static Resolved resolve(ExecutableElement pullback, Named named) {
    if (named.erroneous()) { // javac has said what is wrong
      return misfit(named, new Problem(Kind.PULLBACK_ERRONEOUS, List.of()));
    }
    Set<Modifier> modifiers = pullback.getModifiers();
    if (!modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)
        || pullback.getReturnType().getKind() != TypeKind.VOID
        || !Exceptions.checked(pullback).isEmpty()) {
      return misfit(named, new Problem(Kind.PULLBACK_FORM, List.of()));
    }
    TypeElement holder = (TypeElement) pullback.getEnclosingElement();
    if (ElementFilter.methodsIn(holder.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().equals(pullback.getSimpleName())).count() > 1) {
      return misfit(named, new Problem(Kind.PULLBACK_OVERLOADED,
          List.of(pullback.getSimpleName().toString(), holder.getSimpleName().toString())));
    }
    if (named.type() == null) {
      return misfit(named, new Problem(Kind.PULLBACK_TYPE, List.of()));
    }
    String qualified = named.type().getQualifiedName().toString();
    if (qualified.equals("java.lang.Math") || qualified.equals("java.lang.StrictMath")
        || qualified.equals("dev.backprop.StopGradient")) {
      return misfit(named, new Problem(Kind.PULLBACK_BUILT_IN, List.of(named.function())));
    }
    Set<String> seen = new HashSet<>();
    for (String w : named.wrt()) {
      if (!seen.add(w)) {
        return misfit(named, new Problem(Kind.PULLBACK_WRT_DUPLICATE, List.of(w)));
      }
    }
    List<ExecutableElement> all = staticMethods(named.type(), named.method());
    List<ExecutableElement> candidates = all.stream()
        .filter(m -> m.getTypeParameters().isEmpty()).toList();
    if (all.isEmpty()) {
      return misfit(named, new Problem(Kind.PULLBACK_NO_FUNCTION,
          List.of(qualified, named.method())));
    }
    if (candidates.isEmpty()) {
      return misfit(named, new Problem(Kind.PULLBACK_GENERIC, List.of(named.function())));
    }
    List<String> actual = pullback.getParameters().stream()
        .map(p -> typeName(p.asType())).toList();
    List<String> expected = new ArrayList<>();
    for (ExecutableElement candidate : candidates) {
      List<Boolean> differentiated = differentiated(candidate, named.wrt());
      if (differentiated == null) {
        continue;
      }
      List<Parameter> signature = signature(candidate, differentiated);
      if (signature.stream().map(Parameter::type).toList().equals(actual)) {
        return fitting(named, candidate, differentiated);
      }
      if (candidate.getReturnType().getKind() == TypeKind.DOUBLE) {
        expected.add("void " + pullback.getSimpleName() + "(" + signature.stream()
            .map(Parameter::toString).collect(Collectors.joining(", ")) + ")");
      }
    }
    if (!expected.isEmpty()) {
      return misfit(named, new Problem(Kind.PULLBACK_SIGNATURE,
          List.of(named.function(), String.join(" or ", expected))));
    }
    ExecutableElement first = candidates.get(0);
    if (differentiated(first, named.wrt()) == null) {
      String unknown = named.wrt().stream()
          .filter(w -> first.getParameters().stream().noneMatch(
              p -> p.getSimpleName().contentEquals(w) && differentiable(p)))
          .findFirst().orElse("");
      String parameters = first.getParameters().stream()
          .map(p -> typeName(p.asType()) + " " + p.getSimpleName())
          .collect(Collectors.joining(", "));
      return misfit(named, new Problem(Kind.PULLBACK_WRT,
          List.of(unknown, named.function(), parameters)));
    }
    return misfit(named, new Problem(Kind.PULLBACK_RETURN_TYPE,
        List.of(named.function(), first.getReturnType().toString())));
  }

  /** The registration of {@code candidate}, whose signature the pullback's matches. */
  private static Resolved fitting(Named named, ExecutableElement candidate,
      List<Boolean> differentiated) {
    if (Annotations.wrtOf(candidate) != null) {
      return misfit(named, new Problem(Kind.PULLBACK_OF_DIFFERENTIABLE,
          List.of(named.function())));
    }
    if (candidate.getReturnType().getKind() != TypeKind.DOUBLE) {
      return misfit(named, new Problem(Kind.PULLBACK_RETURN_TYPE,
          List.of(named.function(), candidate.getReturnType().toString())));
    }
    if (candidate.isVarArgs()) {
      return misfit(named, new Problem(Kind.PULLBACK_VARARGS, List.of(named.function())));
    }
    for (VariableElement p : candidate.getParameters()) {
      if (!PARAMETER_TYPES.contains(typeName(p.asType()))) {
        return misfit(named, new Problem(Kind.PULLBACK_PARAMETER_TYPE, List.of(named.function(),
            p.getSimpleName().toString(), typeName(p.asType()))));
      }
    }
    return new Resolved(named, candidate, differentiated, List.of());
  }

  private static Resolved misfit(Named named, Problem problem) {
    return new Resolved(named, null, List.of(), List.of(problem));
  }

  /** The static methods named {@code name} of {@code type} and the classes it extends. */
  private static List<ExecutableElement> staticMethods(TypeElement type, String name) {
    List<ExecutableElement> found = new ArrayList<>();
    for (TypeElement t = type; t != null; t = superclass(t)) {
      for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals(name) && m.getModifiers().contains(Modifier.STATIC)
            && found.stream().noneMatch(f -> sameParameters(f, m))) {
          found.add(m);
        }
      }
    }
    return found;
  }

  private static TypeElement superclass(TypeElement type) {
    return type.getSuperclass() instanceof DeclaredType parent
        && parent.asElement() instanceof TypeElement e ? e : null;
  }

  /** Whether a subclass's static method hides {@code b}: the same parameter types. */
  private static boolean sameParameters(ExecutableElement a, ExecutableElement b) {
    return a.getParameters().stream().map(p -> typeName(p.asType())).toList().equals(
        b.getParameters().stream().map(p -> typeName(p.asType())).toList());
  }

  /**
   * The registrations for {@code function} that a method of {@code caller} sees: those that fit
   * it, and whether one in this compilation names it but does not fit (its own error says why).
   */
  record Found(List<ExecutableElement> pullbacks, List<Resolved> fitting, boolean misfit) {}

  /**
   * The registrations for {@code function} seen from a method declared in {@code caller};
   * {@code inSources} tells the methods this compilation reads from source.
   */
  static Found find(ExecutableElement function, TypeElement caller,
      Predicate<Element> inSources) {
    Set<ExecutableElement> scope = new LinkedHashSet<>();
    collect(outermost(caller), scope);
    collect(outermost((TypeElement) function.getEnclosingElement()), scope);
    List<ExecutableElement> pullbacks = new ArrayList<>();
    List<Resolved> fitting = new ArrayList<>();
    boolean misfit = false;
    for (ExecutableElement candidate : scope) {
      Named named = named(candidate);
      if (named == null || !named.method().equals(function.getSimpleName().toString())) {
        continue;
      }
      Resolved resolved = resolve(candidate, named);
      if (resolved.fits() && resolved.function().equals(function)) {
        pullbacks.add(candidate);
        fitting.add(resolved);
      } else if (!resolved.fits() && inSources.test(candidate)) {
        misfit = true;
      }
    }
    return new Found(pullbacks, fitting, misfit);
  }

  private static void collect(TypeElement type, Set<ExecutableElement> into) {
    into.addAll(ElementFilter.methodsIn(type.getEnclosedElements()));
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collect(nested, into);
    }
  }

  /** The top-level class around {@code type}, or itself. */
  static TypeElement outermost(TypeElement type) {
    TypeElement top = type;
    for (Element e = type; e != null && e.getKind() != ElementKind.PACKAGE
        && e.getKind() != ElementKind.MODULE; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement t) {
        top = t;
      }
    }
    return top;
  }

  /**
   * Per parameter of {@code function}, whether the pullback differentiates it: every
   * {@code double} and {@code double[]}, or those {@code wrt} names; null if {@code wrt} names
   * anything else.
   */
  private static List<Boolean> differentiated(ExecutableElement function, List<String> wrt) {
    List<Boolean> differentiated = new ArrayList<>();
    for (VariableElement p : function.getParameters()) {
      differentiated.add(differentiable(p)
          && (wrt.isEmpty() || wrt.contains(p.getSimpleName().toString())));
    }
    for (String name : wrt) {
      if (function.getParameters().stream()
          .noneMatch(p -> p.getSimpleName().contentEquals(name) && differentiable(p))) {
        return null;
      }
    }
    return differentiated;
  }

  private static boolean differentiable(VariableElement p) {
    String type = typeName(p.asType());
    return type.equals("double") || type.equals("double[]");
  }

  /** A parameter of the expected pullback. */
  private record Parameter(String type, String name) {
    @Override
    public String toString() {
      return type + " " + name;
    }
  }

  /**
   * The pullback's parameters for {@code function}: its own, the seed, {@code grad} for the
   * differentiated scalars, one array per differentiated array, as a generated pullback's
   * (renamed where the function's own parameters have those names).
   */
  private static List<Parameter> signature(ExecutableElement function,
      List<Boolean> differentiated) {
    Set<String> taken = new HashSet<>();
    function.getParameters().forEach(p -> taken.add(p.getSimpleName().toString()));
    List<Parameter> parameters = new ArrayList<>();
    List<Parameter> arrays = new ArrayList<>();
    boolean scalars = false;
    for (int i = 0; i < differentiated.size(); i++) {
      VariableElement p = function.getParameters().get(i);
      String type = typeName(p.asType());
      parameters.add(new Parameter(type, p.getSimpleName().toString()));
      if (differentiated.get(i) && type.equals("double[]")) {
        arrays.add(new Parameter(type, fresh("d" + p.getSimpleName(), taken)));
      } else if (differentiated.get(i)) {
        scalars = true;
      }
    }
    parameters.add(new Parameter("double", fresh("seed", taken)));
    if (scalars) {
      parameters.add(new Parameter("double[]", fresh("grad", taken)));
    }
    parameters.addAll(arrays);
    return parameters;
  }

  private static String fresh(String name, Set<String> taken) {
    String fresh = name;
    for (int i = 2; !taken.add(fresh); i++) {
      fresh = name + i;
    }
    return fresh;
  }

  /** The type as source names it, without type annotations: {@code double[]}, {@code p.A}. */
  static String typeName(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return type.getKind().name().toLowerCase(Locale.ROOT);
    }
    if (type instanceof ArrayType array) {
      return typeName(array.getComponentType()) + "[]";
    }
    if (type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element) {
      return element.getQualifiedName().toString();
    }
    return type.toString();
  }
}
