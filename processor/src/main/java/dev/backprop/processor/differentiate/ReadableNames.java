package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.GradientMethod;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the names the generated code prints; until now every variable had a method-unique name.
 * The rules, in order of precedence:
 * <ol>
 *   <li>The adjoint of a parameter {@code w} is {@code dw}: the public adjoint arrays, and the
 *       scalars' adjoints in the body.
 *   <li>Parameters keep the user's names (one that is the adjoint name of another parameter
 *       takes the next number: {@code dw2}).
 *   <li>{@code grad} and {@code seed}, the other public parameters.
 *   <li>The user's locals keep their names, several locals of one name included where Java's
 *       scoping allows (sibling loops both count with {@code i}); where not, the later takes the
 *       next number ({@code s2}). A variable with an adjoint takes a name {@code q} whose
 *       {@code dq} is free too, and its adjoint is {@code dq}: {@code dq} always means the
 *       adjoint of {@code q}, and a local of the user's named {@code dq} gives way ({@code dq2}).
 *   <li>The processor's own locals last, named for what they hold ({@code exp}, {@code sum},
 *       {@code iterations}), numbered where taken ({@code sum2}).
 * </ol>
 * No variable gets a name the generated code refers to as a type or qualifier, or a keyword.
 */
final class ReadableNames {

  private final Names names;
  private final Scopes scopes;
  private final Map<String, String> adjointOf;
  private final Map<String, String> printed = new LinkedHashMap<>();
  private final Map<String, List<String>> holders = new HashMap<>();

  private ReadableNames(Names names, Scopes scopes, Map<String, String> adjointOf) {
    this.names = names;
    this.scopes = scopes;
    this.adjointOf = adjointOf;
  }

  /**
   * {@code m} with the names it prints.
   *
   * @param adjoints the adjoint of each variable that has one
   */
  static GradientMethod of(GradientMethod m, Names names, Map<String, String> adjoints) {
    List<String> parameters = new ArrayList<>();
    m.source().parameters().forEach(p -> parameters.add(p.name()));
    parameters.add(m.gradName());
    parameters.add(m.seedName());
    parameters.addAll(m.arrayAdjoints());
    parameters.add(m.tapeName());
    parameters.add(m.tapeMarkName());
    Scopes scopes = Scopes.of(parameters,
        List.of(m.forward(), m.backward(), m.pullbackForward(), m.pullbackBackward()));
    ReadableNames naming = new ReadableNames(names, scopes, adjoints);
    naming.pickAll(m);
    return Renaming.apply(m, naming.printed);
  }

  private void pickAll(GradientMethod m) {
    List<String> parameters = m.source().parameters().stream().map(Method.Parameter::name).toList();
    for (String p : parameters) {
      String adjoint = adjointOf.get(p);
      if (adjoint != null) {
        pick(adjoint, "d" + p);
      }
    }
    parameters.forEach(p -> pick(p, p));
    pick(m.gradName(), names.wanted(m.gradName()));
    pick(m.seedName(), names.wanted(m.seedName()));
    List<String> users = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String v : scopes.variables()) {
      if (!printed.containsKey(v) && !adjointOf.containsValue(v)) {
        (names.isUser(v) ? users : others).add(v);
      }
    }
    pickLocals(users);
    pick(m.tapeName(), names.wanted(m.tapeName()));
    pick(m.tapeMarkName(), names.wanted(m.tapeMarkName()));
    pickLocals(others);
    // adjoints nothing declares (those of parameters the body never reads) keep their form
    adjointOf.forEach((v, adjoint) -> {
      if (!printed.containsKey(adjoint)) {
        pick(adjoint, "d" + printed.getOrDefault(v, names.wanted(v)));
      }
    });
  }

  /** Those with adjoints first, so that a local named like an adjoint gives way. */
  private void pickLocals(List<String> locals) {
    for (String v : locals) {
      String adjoint = adjointOf.get(v);
      if (adjoint != null) {
        String wanted = names.wanted(v);
        String name = wanted;
        for (int n = 2; !free(name, v) || !free("d" + name, adjoint); n++) {
          name = wanted + n;
        }
        take(v, name);
        take(adjoint, "d" + name);
      }
    }
    for (String v : locals) {
      if (!printed.containsKey(v)) {
        pick(v, names.wanted(v));
      }
    }
  }

  /** Names {@code v} {@code wanted}, or the first of {@code wanted2}, {@code wanted3}, ... free. */
  private void pick(String v, String wanted) {
    if (printed.containsKey(v)) {
      return;
    }
    String name = wanted;
    for (int n = 2; !free(name, v); n++) {
      name = wanted + n;
    }
    take(v, name);
  }

  private void take(String v, String name) {
    printed.put(v, name);
    holders.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
  }

  /** Whether {@code v} may be called {@code name}: nothing in scope with it has that name. */
  private boolean free(String name, String v) {
    if (names.isReserved(name)) {
      return false;
    }
    for (String holder : holders.getOrDefault(name, List.of())) {
      if (scopes.overlap(holder, v)) {
        return false;
      }
    }
    // a variable with no adjoint must leave dq to q's adjoint, named later
    return adjointOf.containsKey(v) || adjointOf.containsValue(v) || !claimed(name, v);
  }

  /**
   * Whether {@code name} is {@code dq} for a variable {@code q} whose adjoint is not named yet and
   * in scope with {@code v}.
   */
  private boolean claimed(String name, String v) {
    for (Map.Entry<String, String> e : adjointOf.entrySet()) {
      String adjoint = e.getValue();
      if (!printed.containsKey(adjoint)
          && name.equals("d" + printed.getOrDefault(e.getKey(), names.wanted(e.getKey())))
          && scopes.overlap(adjoint, v)) {
        return true;
      }
    }
    return false;
  }
}
