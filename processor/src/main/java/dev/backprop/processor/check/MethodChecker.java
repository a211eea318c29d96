package dev.backprop.processor.check;

import dev.backprop.processor.ir.GeneratedApi;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Method.Parameter;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Type;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds everything in a method's signature and body that the processor cannot differentiate and
 * reports each at its position. Reports all problems, not just the first; never throws.
 */
public final class MethodChecker {

  private MethodChecker() {}

  /** Checks {@code method}; returns whether it is fit to differentiate. */
  public static boolean check(Method method, Reporter reporter) {
    Errors errors = new Errors(reporter);
    checkSignature(method, errors);
    BodyChecker.check(method, errors);
    return errors.none();
  }

  private static void checkSignature(Method method, Errors errors) {
    for (Method.Problem problem : method.problems()) {
      errors.report(problem.position(), Message.valueOf(problem.kind().name()));
    }
    if (method.returnType() != Type.DOUBLE) {
      errors.report(method.position(), Message.RETURN_TYPE, method.returnTypeName());
    }
    for (Parameter p : method.parameters()) {
      if (p.type() == null && p.typeName().endsWith("[]")) {
        errors.report(p.position(), Message.ARRAY_PARAMETER, p.name(), p.typeName());
      } else if (p.type() == null) {
        errors.report(p.position(), Message.PARAMETER_TYPE, p.name(), p.typeName());
      }
    }
    checkWrt(method, errors);
    boolean badParameter = method.parameters().stream().anyMatch(p -> p.type() == null);
    int slots = GeneratedApi.parameterSlots(method);
    if (slots > GeneratedApi.MAX_SLOTS && !badParameter) {
      errors.report(method.position(), Message.TOO_MANY_PARAMETERS,
          GeneratedApi.pullbackName(method.name()), slots, GeneratedApi.MAX_SLOTS);
    }
    boolean anyDouble = method.parameters().stream()
        .anyMatch(p -> p.type() == Type.DOUBLE || p.type() == Type.DOUBLE_ARRAY);
    if (!anyDouble && !badParameter && method.wrt().isEmpty()) {
      errors.report(method.position(), Message.NO_DOUBLE_PARAMETER);
    }
  }

  private static void checkWrt(Method method, Errors errors) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < method.wrt().size(); i++) {
      String name = method.wrt().get(i);
      Position at = i < method.wrtPositions().size()
          ? method.wrtPositions().get(i) : method.position();
      Parameter p = method.parameters().stream()
          .filter(q -> q.name().equals(name)).findFirst().orElse(null);
      if (!seen.add(name)) {
        errors.report(at, Message.WRT_DUPLICATE, name);
      } else if (p == null) {
        String all = method.parameters().stream().map(Parameter::name)
            .collect(Collectors.joining(", "));
        errors.report(at, Message.WRT_UNKNOWN, name, method.name(), all);
      } else if (p.type() != null && p.type() != Type.DOUBLE && p.type() != Type.DOUBLE_ARRAY) {
        errors.report(p.position(), Message.WRT_NOT_DOUBLE, name, p.typeName());
      }
    }
  }
}
