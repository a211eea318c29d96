package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Type;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The adjoint of each variable that has one: {@code dq} for {@code q}, named once. */
final class Adjoints {

  private final Names names;
  private final Map<String, String> byVariable = new LinkedHashMap<>();

  Adjoints(Names names) {
    this.names = names;
  }

  /** The adjoint of {@code variable}, named on first use. */
  String of(String variable) {
    return byVariable.computeIfAbsent(variable, names::adjoint);
  }

  /** The adjoints named so far of the variables of {@code type}. */
  Set<String> of(Map<String, Type> types, Type type) {
    Set<String> adjoints = new HashSet<>();
    byVariable.forEach((v, adjoint) -> {
      if (types.get(v) == type) {
        adjoints.add(adjoint);
      }
    });
    return adjoints;
  }

  /** Every adjoint named so far, by variable, in the order they were named. */
  Map<String, String> all() {
    return Collections.unmodifiableMap(byVariable);
  }
}
