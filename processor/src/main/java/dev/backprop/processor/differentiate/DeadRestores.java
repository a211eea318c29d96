package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backward sweep keeps only the restores whose value something reads ({@link Liveness} over
 * the backward sweep, in the order it runs). A restore of {@code x} is dead when nothing reads
 * {@code x} before it is restored or assigned again ({@code z += e} in an inner loop saves
 * nothing when {@code z = 0} starts each row, since the restore of that puts back what the
 * backward sweep of the row before reads). An element restored into an array keeps the array
 * live until the array itself is no longer read. Dropping a restore may leave another one dead,
 * so this repeats until nothing changes.
 */
final class DeadRestores {

  private DeadRestores() {}

  static List<Stmt> dropped(List<Stmt> backward) {
    while (true) {
      Map<Stmt, Set<String>> liveAfter = Liveness.after(backward, Set.of());
      boolean[] dropped = {false};
      // a restore or undo is a statement without blocks: the map hands over the very object
      List<Stmt> kept = Statements.map(backward, s -> {
        String v = s instanceof Sweep.Restore r ? Saves.variable(r.target())
            : s instanceof Sweep.Undo u ? u.name() : null;
        if (v != null && !liveAfter.get(s).contains(v)) {
          dropped[0] = true;
          return null;
        }
        return s;
      });
      if (!dropped[0]) {
        return kept;
      }
      backward = kept;
    }
  }

  /** The ids of the saves whose restores {@code backward} holds. */
  static Set<Integer> kept(List<Stmt> backward) {
    Set<Integer> ids = new HashSet<>();
    Statements.forEach(backward, s -> {
      if (s instanceof Sweep.Restore r) {
        ids.add(r.id());
      }
    });
    return ids;
  }
}
