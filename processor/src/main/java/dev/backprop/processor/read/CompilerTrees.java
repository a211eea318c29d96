package dev.backprop.processor.read;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;

/**
 * Obtains javac's {@link Trees} for the processing environment, seeing through the wrappers
 * build tools put around it: Gradle's incremental processing environment keeps the real one in
 * a field, IntelliJ hands a dynamic proxy. ECJ (Eclipse, VS Code) has no tree API at all.
 */
public final class CompilerTrees {

  private static final String INTELLIJ_WRAPPERS = "org.jetbrains.jps.javac.APIWrappers";

  private final Trees trees;

  private CompilerTrees(Trees trees) {
    this.trees = trees;
  }

  /** The tree API for {@code env}, or empty when the compiler does not offer one. */
  public static Optional<CompilerTrees> of(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    // Wrappers can nest (IntelliJ around Gradle); a handful of layers is plenty.
    for (int depth = 0; depth < 8 && current != null; depth++) {
      try {
        return Optional.of(new CompilerTrees(Trees.instance(current)));
      } catch (IllegalArgumentException | LinkageError notJavac) {
        current = unwrap(current);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code element} comes from a source file of this compilation (not a class file). */
  public boolean isInSources(Element element) {
    return trees.getPath(element) != null;
  }

  /**
   * A reader for one round.
   *
   * @param inThisRound whether a method's gradient class is generated in this compilation
   */
  public MethodReader reader(Predicate<Element> inThisRound) {
    return new MethodReader(trees, inThisRound);
  }

  /** One layer less of wrapping, or null when {@code env} is not a wrapper we recognise. */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    if (Proxy.isProxyClass(env.getClass())) {
      return unwrapIntelliJ(env);
    }
    for (Class<?> c = env.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
          try {
            field.setAccessible(true);
            Object inner = field.get(env);
            if (inner != env && inner instanceof ProcessingEnvironment unwrapped) {
              return unwrapped;
            }
          } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            // Not a wrapper we can open; try the next field.
          }
        }
      }
    }
    return null;
  }

  private static ProcessingEnvironment unwrapIntelliJ(ProcessingEnvironment env) {
    try {
      ClassLoader loader = env.getClass().getClassLoader();
      Class<?> wrappers = Class.forName(INTELLIJ_WRAPPERS, false, loader);
      Method unwrap = wrappers.getDeclaredMethod("unwrap", Class.class, Object.class);
      Object inner = unwrap.invoke(null, ProcessingEnvironment.class, env);
      return inner != env && inner instanceof ProcessingEnvironment unwrapped ? unwrapped : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError notIntelliJ) {
      return null;
    }
  }
}
