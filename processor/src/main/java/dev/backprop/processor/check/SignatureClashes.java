package dev.backprop.processor.check;

import dev.backprop.processor.ir.GeneratedApi;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Reporter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Two methods of one class whose generated methods would have the same signature (a method
 * named {@code fPullback} next to {@code f}, or {@code sqValue} next to a private helper
 * {@code sq}, say): the later one gets an error.
 */
public final class SignatureClashes {

  private SignatureClashes() {}

  /**
   * Reports each method of {@code methods} (one source class, in source order) whose generated
   * methods clash with an earlier one's, counting the copies of those {@code copied} says are
   * private helpers; returns their keys.
   */
  public static Set<String> check(List<Method> methods, Predicate<Method> copied,
      Predicate<Method> copyOnly, Reporter reporter) {
    Map<String, String> taken = new HashMap<>();
    Set<String> clashing = new HashSet<>();
    for (Method method : methods) {
      List<String> erasures = new ArrayList<>(
          copyOnly.test(method) ? List.of() : GeneratedApi.erasures(method));
      if (copied.test(method)) {
        erasures.add(GeneratedApi.copyErasure(method));
      }
      String clash = erasures.stream().filter(taken::containsKey).findFirst().orElse(null);
      if (clash != null) {
        reporter.error(method.position(),
            Message.GRADIENT_METHOD_CLASH.format(clash, method.name(), taken.get(clash)));
        clashing.add(method.key());
      } else {
        erasures.forEach(e -> taken.put(e, method.name()));
      }
    }
    return clashing;
  }
}
