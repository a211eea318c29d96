package dev.backprop.processor.check;

import dev.backprop.processor.ir.GeneratedApi;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Method.Parameter;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Set<String> reportedTypes = checkSignature(method, errors);
    BodyChecker.check(method, errors, reportedTypes);
    return errors.none();
  }

  /**
   * Checks {@code method} for a copy alone (a private helper that carries no gradient, such as a
   * predicate): its body, and its parameters' types; returns whether it is fit to copy.
   */
  public static boolean checkCopy(Method method, Reporter reporter) {
    Errors errors = new Errors(reporter);
    for (Method.Problem problem : method.problems()) {
      errors.report(problem.position(), Message.valueOf(problem.kind().name()));
    }
    Set<String> reported = new HashSet<>();
    for (Parameter p : method.parameters()) {
      if (p.type() == null && reported.add(p.typeName())) {
        errors.report(p.position(), Message.PARAMETER_TYPE, "parameter '" + p.name() + "' has",
            p.typeName());
      }
    }
    if (method.returnType() == null) {
      errors.report(method.position(), Message.RETURN_TYPE, method.returnTypeName());
    }
    BodyChecker.check(method, errors, reported);
    return errors.none();
  }

  /**
   * Reports the signature's problems, one error per unsupported type (a {@code float} method
   * gets one, at its result, naming the parameters of that type too); returns those types, which
   * the body's uses of them need not report again.
   */
  private static Set<String> checkSignature(Method method, Errors errors) {
    for (Method.Problem problem : method.problems()) {
      errors.report(problem.position(), Message.valueOf(problem.kind().name()));
    }
    Map<String, List<Parameter>> badParameters = new LinkedHashMap<>();
    for (Parameter p : method.parameters()) {
      if (p.type() == null) {
        badParameters.computeIfAbsent(p.typeName(), k -> new ArrayList<>()).add(p);
      }
    }
    Set<String> reported = new HashSet<>();
    if (method.returnType() != Type.DOUBLE) {
      reported.add(method.returnTypeName());
      List<Parameter> same = badParameters.remove(method.returnTypeName());
      if (same == null) {
        errors.report(method.position(), Message.RETURN_TYPE, method.returnTypeName());
      } else {
        errors.report(method.position(), Message.RETURN_AND_PARAMETER_TYPE,
            method.returnTypeName(), quoted(same));
      }
    }
    badParameters.forEach((typeName, parameters) -> {
      // float[] covers its elements, w[i], too
      for (String t = typeName; ; t = t.substring(0, t.length() - 2)) {
        reported.add(t);
        if (!t.endsWith("[]")) {
          break;
        }
      }
      Parameter first = parameters.get(0);
      if (typeName.endsWith("[]")) {
        errors.report(first.position(), Message.ARRAY_PARAMETER, subject(parameters), typeName);
      } else {
        errors.report(first.position(), Message.PARAMETER_TYPE, subject(parameters), typeName);
      }
    });
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
    return reported;
  }

  /** {@code parameter 'x' has}, {@code parameters 'x', 'y' have}. */
  private static String subject(List<Parameter> parameters) {
    return parameters.size() == 1 ? "parameter " + quoted(parameters) + " has"
        : "parameters " + quoted(parameters) + " have";
  }

  /** {@code 'x'}, or {@code 'x', 'y'}: the parameters' names as messages quote them. */
  private static String quoted(List<Parameter> parameters) {
    return parameters.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(", "));
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
