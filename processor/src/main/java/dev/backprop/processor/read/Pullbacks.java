package dev.backprop.processor.read;

import dev.backprop.processor.ir.PullbackRegistration.Kind;
import dev.backprop.processor.ir.PullbackRegistration.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The pullbacks users register with {@code @PullbackOf}: which function each is the pullback
 * of, whether its signature fits that function, and which one a call uses. A registration is
 * looked up where an isolating processor may look: the calling method's top-level class (with
 * the classes nested in it) and the class that declares the function.
 */
final class Pullbacks {

  /** The annotation, by name: the processor does not depend on the runtime jar. */
  static final String ANNOTATION = "dev.backprop.PullbackOf";

  private Pullbacks() {}

  /** What a {@code @PullbackOf} names: the function's class and name, and its wrt. */
  record Named(TypeElement type, String method, List<String> wrt) {

    /** {@code Erf.erf}, as messages quote a function. */
    String function() {
      return type.getSimpleName() + "." + method;
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
      for (var entry : mirror.getElementValues().entrySet()) {
        String name = entry.getKey().getSimpleName().toString();
        Object value = entry.getValue().getValue();
        if (name.equals("type") && value instanceof DeclaredType declared) {
          type = (TypeElement) declared.asElement();
        } else if (name.equals("method")) {
          method = String.valueOf(value);
        } else if (name.equals("wrt") && value instanceof List<?> items) {
          for (Object item : items) {
            wrt.add(String.valueOf(((AnnotationValue) item).getValue()));
          }
        }
      }
      return new Named(type, method, wrt);
    }
    return null;
  }

  /** Resolves the registration on {@code pullback}, which {@code named} describes. */
  static Resolved resolve(ExecutableElement pullback, Named named) {
    List<Problem> problems = new ArrayList<>();
    Set<Modifier> modifiers = pullback.getModifiers();
    if (!modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)
        || pullback.getReturnType().getKind() != TypeKind.VOID) {
      problems.add(new Problem(Kind.PULLBACK_FORM, List.of()));
    }
    List<ExecutableElement> candidates = ElementFilter.methodsIn(
        named.type().getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(named.method()))
        .filter(m -> m.getModifiers().contains(Modifier.STATIC))
        .filter(m -> m.getTypeParameters().isEmpty()) // Erf.erf(T x) takes no double
        .toList();
    if (candidates.isEmpty()) {
      problems.add(new Problem(Kind.PULLBACK_NO_FUNCTION,
          List.of(named.type().getQualifiedName().toString(), named.method())));
      return new Resolved(named, null, List.of(), problems);
    }
    List<String> actual = pullback.getParameters().stream()
        .map(p -> typeName(p.asType())).toList();
    List<String> expected = new ArrayList<>();
    for (ExecutableElement candidate : candidates) {
      List<Boolean> differentiated = differentiated(candidate, named.wrt());
      if (differentiated == null) {
        continue;
      }
      if (signature(candidate, differentiated).stream().map(Parameter::type).toList()
          .equals(actual)) {
        if (Annotations.wrtOf(candidate) != null) {
          problems.add(new Problem(Kind.PULLBACK_OF_DIFFERENTIABLE, List.of(named.function())));
        }
        if (candidate.getReturnType().getKind() != TypeKind.DOUBLE) {
          problems.add(new Problem(Kind.PULLBACK_RETURN_TYPE,
              List.of(named.function(), candidate.getReturnType().toString())));
        }
        return new Resolved(named, candidate, differentiated, problems);
      }
      expected.add("void " + pullback.getSimpleName() + "("
          + signature(candidate, differentiated).stream().map(Parameter::toString)
              .collect(Collectors.joining(", ")) + ")");
    }
    if (expected.isEmpty()) { // wrt fits none of them
      ExecutableElement first = candidates.get(0);
      String unknown = named.wrt().stream()
          .filter(w -> first.getParameters().stream().noneMatch(
              p -> p.getSimpleName().contentEquals(w) && differentiable(p)))
          .findFirst().orElse("");
      String all = first.getParameters().stream()
          .map(p -> typeName(p.asType()) + " " + p.getSimpleName())
          .collect(Collectors.joining(", "));
      problems.add(new Problem(Kind.PULLBACK_WRT, List.of(unknown, named.function(), all)));
    } else {
      problems.add(new Problem(Kind.PULLBACK_SIGNATURE,
          List.of(named.function(), String.join(" or ", expected))));
    }
    return new Resolved(named, null, List.of(), problems);
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
    TypeElement owner = (TypeElement) function.getEnclosingElement();
    Set<ExecutableElement> scope = new LinkedHashSet<>();
    collect(outermost(caller), scope);
    scope.addAll(ElementFilter.methodsIn(owner.getEnclosedElements()));
    List<ExecutableElement> pullbacks = new ArrayList<>();
    List<Resolved> fitting = new ArrayList<>();
    boolean misfit = false;
    for (ExecutableElement candidate : scope) {
      Named named = named(candidate);
      if (named == null || !named.method().equals(function.getSimpleName().toString())
          || !named.type().getQualifiedName().equals(owner.getQualifiedName())) {
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

  private static TypeElement outermost(TypeElement type) {
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
   * differentiated scalars, one array per differentiated array, as a generated pullback's.
   */
  private static List<Parameter> signature(ExecutableElement function,
      List<Boolean> differentiated) {
    List<Parameter> parameters = new ArrayList<>();
    List<Parameter> arrays = new ArrayList<>();
    boolean scalars = false;
    for (int i = 0; i < differentiated.size(); i++) {
      VariableElement p = function.getParameters().get(i);
      String type = typeName(p.asType());
      parameters.add(new Parameter(type, p.getSimpleName().toString()));
      if (differentiated.get(i) && type.equals("double[]")) {
        arrays.add(new Parameter(type, "d" + p.getSimpleName()));
      } else if (differentiated.get(i)) {
        scalars = true;
      }
    }
    parameters.add(new Parameter("double", "seed"));
    if (scalars) {
      parameters.add(new Parameter("double[]", "grad"));
    }
    parameters.addAll(arrays);
    return parameters;
  }

  private static String typeName(TypeMirror type) {
    return type.toString();
  }
}
