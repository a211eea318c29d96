package dev.backprop.processor.differentiate;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Hands out names for generated locals that never collide with the user's identifiers or with
 * each other: temporaries are numbered ({@code prod}, {@code prod2}), adjoints get a trailing
 * underscore ({@code dq}, {@code dq_}) so that {@code dq} always means "the adjoint of q".
 */
final class Names {

  private final Set<String> taken;

  Names(Collection<String> userNames) {
    this.taken = new HashSet<>(userNames);
  }

  /** A fresh local name based on {@code suggestion}. */
  String fresh(String suggestion) {
    String name = suggestion;
    for (int n = 2; !available(name); n++) {
      name = suggestion + n;
    }
    taken.add(name);
    return name;
  }

  /** A fresh name for the adjoint of {@code variable}: {@code d} + its name. */
  String adjoint(String variable) {
    return underscored("d" + variable);
  }

  /** {@code wanted}, or {@code wanted_} (and so on) if the user took it. */
  String underscored(String wanted) {
    String name = wanted;
    while (!available(name)) {
      name = name + "_";
    }
    taken.add(name);
    return name;
  }

  private boolean available(String name) {
    return !taken.contains(name) && !SourceVersion.isKeyword(name);
  }
}
