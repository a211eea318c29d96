package dev.backprop.processor.ir;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Hands out the names of one method's variables, so that no two variables share one. One
 * allocator serves the whole pipeline: the read stage takes the user's names, the differentiate
 * stage its temporaries and adjoints; each name remembers the name it stands for (a second local
 * {@code j} of the user's is {@code j2} here but wants to print as {@code j}; {@code dq} is the
 * adjoint of {@code q}), and the last pass of the differentiate stage picks the names printed.
 */
public final class Names {

  private final Set<String> taken;
  private final Set<String> reserved;
  private final Map<String, String> wanted;
  private final Map<String, String> primals;
  private final Set<String> users;

  /** An allocator with nothing taken. */
  public Names() {
    this(new HashSet<>(), new HashSet<>(), new HashMap<>(), new HashMap<>(), new HashSet<>());
  }

  private Names(Set<String> taken, Set<String> reserved, Map<String, String> wanted,
      Map<String, String> primals, Set<String> users) {
    this.taken = taken;
    this.reserved = reserved;
    this.wanted = wanted;
    this.primals = primals;
    this.users = users;
  }

  /** An independent copy: allocating in it leaves this one alone. */
  public Names copy() {
    return new Names(new HashSet<>(taken), new HashSet<>(reserved), new HashMap<>(wanted),
        new HashMap<>(primals), new HashSet<>(users));
  }

  /** Takes a name the user wrote (a parameter, a local), as it is. */
  public void take(String name) {
    taken.add(name);
    users.add(name);
  }

  /**
   * A name for a variable of the user's that shares its name with another (a local of another
   * block): {@code wanted} if free, else {@code wanted2}, ...; it stands for {@code wanted}.
   */
  public String user(String wanted) {
    String name = fresh(wanted);
    users.add(name);
    return name;
  }

  /** Whether {@code name} is a variable the user wrote, not one the processor made. */
  public boolean isUser(String name) {
    return users.contains(name);
  }

  /**
   * Takes a name the generated code refers to but no variable may have (a class such as
   * {@code Math}, or the first part of a qualified name).
   */
  public void reserve(String name) {
    taken.add(name);
    reserved.add(name);
  }

  /** Whether no variable may be named {@code name}. */
  public boolean isReserved(String name) {
    return reserved.contains(name) || SourceVersion.isKeyword(name);
  }

  /** Whether {@code name} is taken. */
  public boolean isTaken(String name) {
    return taken.contains(name);
  }

  /**
   * A name no other variable has: {@code wanted}, else {@code wanted2}, {@code wanted3}, ...;
   * it remembers that it stands for {@code wanted}.
   */
  public String fresh(String wanted) {
    String name = wanted;
    for (int n = 2; taken.contains(name) || SourceVersion.isKeyword(name); n++) {
      name = wanted + n;
    }
    taken.add(name);
    this.wanted.put(name, wanted);
    return name;
  }

  /** A name for the adjoint of {@code primal}, which remembers whose adjoint it is. */
  public String adjoint(String primal) {
    String name = fresh("d" + wanted(primal));
    primals.put(name, primal);
    return name;
  }

  /** The name {@code name} stands for: itself, unless it was handed out for another. */
  public String wanted(String name) {
    return wanted.getOrDefault(name, name);
  }

  /** The variable {@code name} is the adjoint of, if it is one. */
  public Optional<String> primal(String name) {
    return Optional.ofNullable(primals.get(name));
  }
}
