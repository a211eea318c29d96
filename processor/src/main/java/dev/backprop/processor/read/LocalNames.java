package dev.backprop.processor.read;

import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.backprop.processor.ir.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The IR names of one method's parameters and locals, allocated through the method's
 * {@link Names}: each variable keeps the name the user gave it unless another local already
 * has that name, and the names the generated code prints as qualifiers are reserved so no
 * variable gets them later.
 */
final class LocalNames {

  private final Names names = new Names();
  private final Map<Element, String> byVariable = new HashMap<>();

  /** The allocator, holding every name taken so far. */
  Names allocator() {
    return names;
  }

  /** Takes a parameter's name, as it is. */
  String takeParameter(VariableElement parameter) {
    String name = parameter.getSimpleName().toString();
    byVariable.put(parameter, name);
    names.take(name);
    return name;
  }

  /** Every local's own name is taken up front so renamed shadows never collide with one. */
  void takeLocals(TreePath blockPath) {
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        names.take(node.getName().toString());
        return super.visitVariable(node, unused);
      }
    }.scan(blockPath, null);
  }

  /** The IR name of a parameter or local. */
  String of(Element variable) {
    String name = byVariable.get(variable);
    if (name != null) {
      return name;
    }
    String wanted = variable.getSimpleName().toString();
    // A second local of the same name (another block's scope) gets a fresh one; it is still
    // the user's, so it prints as the user wrote it wherever Java's scopes allow.
    name = byVariable.containsValue(wanted) ? names.user(wanted) : wanted;
    byVariable.put(variable, name);
    return name;
  }

  /** A name no parameter or local has yet, for a variable the reader adds. */
  String fresh(String wanted) {
    return names.fresh(wanted);
  }

  /**
   * Reserves the names {@code text}, a constant's qualified source text such as
   * {@code p.Outer.Inner.X} or {@code Math.PI}, is printed with: its first part, and the
   * simple names of the field's class and of that class's outermost class (the generated class
   * may print either).
   */
  void reserveConstant(String text, TypeElement owner) {
    names.reserve(firstPart(text));
    List<String> nesting = GradientNames.nesting(owner);
    names.reserve(nesting.get(0));
    names.reserve(nesting.get(nesting.size() - 1));
  }

  /**
   * Reserves the names a call of a differentiable method of {@code owner} is printed with: the
   * first part of the class's canonical name, the simple name of its outermost class, and the
   * simple name of its gradient class (called by the pullback).
   */
  void reserveCallee(TypeElement owner) {
    names.reserve(firstPart(owner.getQualifiedName().toString()));
    names.reserve(GradientNames.nesting(owner).get(0));
    names.reserve(GradientNames.simpleName(owner));
  }

  private static String firstPart(String qualified) {
    int dot = qualified.indexOf('.');
    return dot < 0 ? qualified : qualified.substring(0, dot);
  }
}
