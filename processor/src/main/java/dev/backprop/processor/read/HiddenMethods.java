package dev.backprop.processor.read;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.backprop.processor.ir.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * Finds methods annotated {@code @Differentiable} inside local or anonymous classes: javac does
 * not hand those to processors, so they are found by reading the source. The annotation is
 * recognised by name ({@code Differentiable} or its qualified name), as such classes are not
 * attributed.
 */
final class HiddenMethods {

  private final Trees trees;
  private final SourceMap sourceMap;

  HiddenMethods(Trees trees, SourceMap sourceMap) {
    this.trees = trees;
    this.sourceMap = sourceMap;
  }

  /** Where each such method of {@code root} is declared. */
  List<Position> in(Element root) {
    return in(root, Set.of("Differentiable", MethodReader.ANNOTATION));
  }

  /** Where each method of {@code root} marked {@code @PullbackOf} in such a class is declared. */
  List<Position> registrationsIn(Element root) {
    return in(root, Set.of("PullbackOf", Pullbacks.ANNOTATION));
  }

  private List<Position> in(Element root, Set<String> annotations) {
    TreePath rootPath = trees.getPath(root);
    List<Position> found = new ArrayList<>();
    if (rootPath == null) {
      return found;
    }
    new TreePathScanner<Void, Integer>() {
      @Override
      public Void visitMethod(MethodTree node, Integer depth) {
        // depth counts the method bodies we are in: a class inside one is local or anonymous
        if (depth > 0 && node.getModifiers().getAnnotations().stream()
            .anyMatch(a -> annotations.contains(a.getAnnotationType().toString()))) {
          found.add(sourceMap.positionOf(getCurrentPath()));
        }
        return super.visitMethod(node, depth + 1);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
        return super.visitLambdaExpression(node, depth + 1);
      }

      @Override
      public Void visitVariable(VariableTree node, Integer depth) {
        // a field initialiser holding an anonymous class counts as a body too
        boolean field = getCurrentPath().getParentPath().getLeaf() instanceof ClassTree;
        return super.visitVariable(node, field ? depth + 1 : depth);
      }
    }.scan(rootPath, 0);
    return found;
  }
}
