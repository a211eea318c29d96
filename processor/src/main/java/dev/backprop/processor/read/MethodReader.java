package dev.backprop.processor.read;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Method.Parameter;
import dev.backprop.processor.ir.Method.Problem;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.PullbackRegistration;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * Reads a {@code @Differentiable} method's body into the IR, with the compiler's types and
 * symbols. Anything outside the accepted subset becomes an {@code Unsupported} node at its
 * exact position, for the check stage to report.
 *
 * <p>This is the entry point; the work is done by one reader per part of a method
 * ({@link DeclarationReader}, {@link StatementReader}, {@link ExpressionReader}, ...), which
 * share the state of the method being read through a {@link MethodContext}.
 */
public final class MethodReader {

  /** The annotation, by name: the processor does not depend on the runtime jar. */
  public static final String ANNOTATION = "dev.backprop.Differentiable";

  /** The annotation that registers a pullback, by name. */
  public static final String PULLBACK_ANNOTATION = Pullbacks.ANNOTATION;

  private final Trees trees;
  private final SourceMap sourceMap;
  private final Predicate<Element> inThisRound;
  private final Set<ExecutableElement> helpers = new LinkedHashSet<>();
  private final Set<ExecutableElement> copies = new LinkedHashSet<>();

  MethodReader(Trees trees, Predicate<Element> inThisRound) {
    this.trees = trees;
    this.sourceMap = new SourceMap(trees);
    this.inThisRound = inThisRound;
  }

  /**
   * The methods without {@code @Differentiable} that the methods read so far call, in the order
   * first called: helpers of this compilation, to differentiate as if annotated.
   */
  public List<ExecutableElement> helpersCalled() {
    return List.copyOf(helpers);
  }

  /**
   * The private methods the methods read so far call through a copy in their gradient class:
   * each needs one generated.
   */
  public Set<ExecutableElement> copiesCalled() {
    return Set.copyOf(copies);
  }

  /** Reports errors at positions this reader handed out. */
  public Reporter reporter() {
    return sourceMap;
  }

  /** The IR of {@code method}, or null when the compiler has no source tree for it. */
  public Method read(ExecutableElement method) {
    TreePath path = trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree)) {
      return null;
    }
    MethodContext context =
        new MethodContext(trees, sourceMap, inThisRound, helpers::add, copies::add);
    DeclarationReader declaration = new DeclarationReader(context, method, path, tree);
    List<Problem> problems = declaration.problems();
    List<Parameter> parameters = declaration.parameters();
    List<Stmt> body = body(context, path, tree.getBody());
    List<String> annotated = Annotations.wrtOf(method);
    List<String> wrt = annotated == null ? List.of() : annotated;
    return new Method(
        Annotations.keyOf(method),
        method.getSimpleName().toString(),
        parameters,
        wrt,
        declaration.wrtPositions(wrt),
        Tables.typeOf(method.getReturnType()),
        method.getReturnType().toString(),
        body,
        problems,
        context.position(path),
        method.getModifiers().contains(Modifier.PUBLIC)
            || method.getModifiers().contains(Modifier.PROTECTED),
        context.names().allocator());
  }

  /**
   * The {@code @PullbackOf} registration on {@code pullback}, or null when the compiler has no
   * source tree for it.
   */
  public PullbackRegistration readRegistration(ExecutableElement pullback) {
    TreePath path = trees.getPath(pullback);
    Pullbacks.Named named = Pullbacks.named(pullback);
    if (path == null || named == null) {
      return null;
    }
    return new PullbackRegistration(named.function(), sourceMap.positionOf(path),
        Pullbacks.resolve(pullback, named).problems());
  }

  /**
   * Methods annotated {@code @Differentiable} inside local or anonymous classes of {@code root}:
   * javac does not hand those to processors, so they are found by reading the source. The
   * annotation is recognised by name ({@code Differentiable} or its qualified name).
   */
  public List<Position> annotatedInLocalClasses(Element root) {
    return new HiddenMethods(trees, sourceMap).in(root);
  }

  /**
   * Methods marked {@code @PullbackOf} inside local or anonymous classes of {@code root}, which
   * no call can see.
   */
  public List<Position> registrationsInLocalClasses(Element root) {
    return new HiddenMethods(trees, sourceMap).registrationsIn(root);
  }

  /** The statements of {@code block} (none for a method without body). */
  private List<Stmt> body(MethodContext context, TreePath methodPath, BlockTree block) {
    List<Stmt> body = new ArrayList<>();
    if (block == null) {
      return body;
    }
    TreePath blockPath = new TreePath(methodPath, block);
    Attribution attribution = new Attribution(context);
    List<Stmt> unsafe = attribution.unsafeToAttribute(blockPath);
    if (!unsafe.isEmpty()) {
      body.addAll(unsafe);
    } else {
      attribution.attribute(blockPath);
      context.names().takeLocals(blockPath);
      new StatementReader(context).readAll(blockPath, block.getStatements(), body);
    }
    return body;
  }
}
