package dev.backprop.processor.check;

import dev.backprop.processor.ir.MathFunction;
import java.util.Locale;

/**
 * Every diagnostic the processor can report, each saying what is wrong and what to write
 * instead. Messages start with a tag in brackets so users (and tests) can search for them.
 */
public enum Message {
  NOT_STATIC("not-static", "@Differentiable method must be static; pass what it reads from the instance as parameters"),
  ABSTRACT("abstract", "@Differentiable method needs a body to differentiate"),
  GENERIC("generic", "@Differentiable method must not have type parameters"),
  VARARGS("varargs", "@Differentiable method must not be varargs; declare each parameter"),
  RETURN_TYPE("return-type", "@Differentiable method must return double, not %s"),
  PARAMETER_TYPE("parameter-type", "%s type %s; use double (differentiated), or int, long or boolean (constants)"),
  RETURN_AND_PARAMETER_TYPE("return-type", "@Differentiable method must return double, not %1$s, and take double for its %1$s parameters (%2$s); use double (differentiated), or int, long or boolean (constants)"),
  TOO_MANY_PARAMETERS("parameters", "the gradient's %s would take %d parameter slots (a double or long takes two; the seed and gradient arrays are added), more than the JVM's %d: pass the values in a double[] instead"),
  NO_DOUBLE_PARAMETER("no-wrt", "@Differentiable method has no double or double[] parameter to differentiate"),
  WRT_UNKNOWN("wrt-unknown", "wrt names '%s', which is not a parameter of %s; parameters are: %s"),
  WRT_NOT_DOUBLE("wrt-not-double", "wrt names '%s' of type %s; only double and double[] parameters can be differentiated"),
  WRT_DUPLICATE("wrt-duplicate", "wrt names '%s' twice"),
  LOOP("loop", "for-each loops run over double[], int[] and double[][] only; index other values in a for loop"),
  LOOP_FORM("loop", "a for loop needs one declared counter, a condition and one update: for (int i = a; i < b; i++)"),
  ARRAY_WRITE("array-write", "writing into '%s' is not supported; only arrays created in this method with new double[n] or new double[n][m] can be written, declare one and copy"),
  ARRAY_LOCAL("array", "a local array must be created once, before any loop or if, with new double[n] or new double[n][m] (or read from a parameter without writing it); %s"),
  ROW_WRITE("array-write", "assigning a whole row of '%1$s' is not supported; write its elements, %1$s[i][j] = ..."),
  MATRIX_ARGUMENT("callee-wrt", "argument '%s' of %s is a double[][] that carries gradient, but double[][] parameters are data; pass its rows to double[] parameters instead"),
  ROW_ALIAS("array", "'%s' would hold a row of the local array '%s'; index that array directly, %s[i][j]"),
  ARRAY_ALIAS("array", "'%s' refers to a differentiated array; index that array directly"),
  NESTING("nesting", "loops and ifs nest more than %d deep here (each else-if counts); javac cannot read a gradient class nested much deeper: move the inner part into a @Differentiable helper method, or turn an else-if chain into a lookup"),
  SWITCH("switch", "switch is not supported; use if / else if / else"),
  TRY("try", "try is not supported; a differentiable method cannot catch exceptions"),
  THROW("throw", "only an argument check may throw: if (...) throw new SomeException(message); with an unchecked exception the generated class can create, and a message joined from string literals and values with +; validate other inputs before calling the differentiable method"),
  BREAK_OR_CONTINUE("break", "labelled break and continue are not supported; use a flag in the loop condition"),
  LAMBDA("lambda", "lambdas and method references are not supported; write the computation inline or as another @Differentiable method"),
  LOCAL_CLASS("local-class", "classes declared inside a @Differentiable method are not supported; move the class out"),
  OBJECT_CREATION("new", "creating objects is not supported; only double, int, long and boolean values flow through a differentiable method"),
  ARRAY("array", "only new double[n], new double[n][m] and reads of double[], double[][] and int[] elements and lengths are supported"),
  INCREMENT("increment", "++ and -- are not supported; write x += 1"),
  NESTED_ASSIGNMENT("nested-assignment", "an assignment inside an expression is not supported; write it as its own statement"),
  EXPRESSION_STATEMENT("statement", "'%s' is not supported as a statement; only declarations, assignments, if, loops, return, assert, and calls made for their effect are: a static void method, or a method of a static final field (System.err.println(...), LOG.warning(...)) the generated class can see"),
  PRIVATE_EFFECT("private-callee", "%s is not visible to the generated gradient class, which makes the call from this package (it, its field or the field's type is private, or protected, or in a class not visible here); make it package-private, or public in a public class"),
  EFFECT_ARRAY("statement", "'%s' is an array, which the call could change; pass Arrays.toString(%1$s), or the elements it prints"),
  OTHER_STATEMENT("statement", "'%s' is not supported; only declarations, assignments, if, loops, return, assert, and calls made for their effect are"),
  OTHER_EXPRESSION("expression", "'%s' is not supported in a @Differentiable method"),
  UNSUPPORTED_TYPE("type", "values of type %s are not supported; use double (differentiated), or int, long or boolean (constants)"),
  FIELD_WRITE("field-write", "assigning '%s' is not supported; a differentiable method only assigns its own locals and parameters"),
  MUTABLE_FIELD("mutable-field", "field '%s' is not a constant the gradient class can read; make it static final and not private, or pass it as a parameter"),
  INSTANCE_MEMBER("instance-member", "'%s' belongs to an instance; a differentiable method is static: pass the value as a parameter"),
  STRING("string", "strings are not supported in a @Differentiable method but as messages: of an assert, of a call made for its effect (System.err.println(...)), of an argument check's exception"),
  UNKNOWN_MATH_FUNCTION("no-rule", "%s has no derivative rule; supported: " + MathFunction.supported()),
  RANDOM_NUMBER("no-rule", "%s is not a function of the method's values and has no derivative; draw the random numbers outside the differentiable method and pass them in as data (a parameter left out of wrt)"),
  LIBRARY_CALL("call", "%s has no derivative rule and is not @Differentiable; register its pullback with @PullbackOf in this class, or compute it outside the differentiable method and pass the value in as a parameter"),
  ARRAY_PARAMETER("array", "%s type %s; the arrays supported are double[] (differentiated or data), double[][] and int[] (data)"),
  GRADIENT_METHOD_CLASH("name-clash", "the generated %s for %s would clash with the one generated for %s; rename one of the two methods"),
  INSTANCE_CALL("call", "%s is an instance method without a derivative rule; a differentiable method calls static methods only: compute the value outside and pass it in as a parameter"),
  CHECKED_CALL("call", "%s, a checked exception the generated gradient class does not declare; call a method that handles it instead"),
  VARARGS_CALL("call", "%s takes varargs, which calls from differentiable methods cannot pass; call a method with a fixed list of parameters (a double[] for the values)"),
  PULLBACK_TWICE("pullback", "%s has more than one @PullbackOf registration in sight; keep one"),
  PULLBACK_ERRONEOUS("pullback", "the @PullbackOf annotation has an error"),
  PULLBACK_FORM("pullback", "a @PullbackOf method must be static, return void, declare no checked exception and not be private: the generated gradient classes call it"),
  PULLBACK_OVERLOADED("pullback", "another method of %2$s is also named %1$s; give the pullback a name of its own, so that the generated call reaches it and no other"),
  PULLBACK_TYPE("pullback", "@PullbackOf(type = ...) must name a class, not a primitive or array type"),
  PULLBACK_BUILT_IN("pullback", "%s has a built-in derivative rule, which a pullback does not replace; to change it, wrap the function in a static method of your own and register the pullback of that"),
  PULLBACK_WRT_DUPLICATE("pullback", "wrt names '%s' twice"),
  PULLBACK_GENERIC("pullback", "%s has type parameters; only a function without them can have a pullback: wrap it in a static method that takes double"),
  PULLBACK_VARARGS("pullback", "%s takes varargs, which calls from differentiable methods cannot pass; wrap it in a static method that takes a double[]"),
  PULLBACK_PARAMETER_TYPE("pullback", "%s takes parameter '%s' of type %s; a function with a pullback takes double, int, long, boolean, double[], int[] or double[][]: wrap it in a static method that does"),
  PULLBACK_NO_FUNCTION("pullback", "%s has no static method '%s' to be the pullback of; @PullbackOf(type = ..., method = ...) names the function's class (default: this class) and name"),
  PULLBACK_OF_DIFFERENTIABLE("pullback", "%s is @Differentiable, so its pullback is generated; remove @Differentiable or this @PullbackOf"),
  PULLBACK_RETURN_TYPE("pullback", "%s returns %s; only a function that returns double can have a pullback"),
  PULLBACK_WRT("pullback", "wrt names '%s', which is not a double or double[] parameter of %s(%s)"),
  PULLBACK_SIGNATURE("pullback", "the pullback of %s must be declared %s: the function's parameters, then the seed, then grad for its double parameters and one array per double[] parameter"),
  HELPER_SHAPE("call", "%s cannot be differentiated as a helper: a helper is a static method with a body and no type parameters that returns double; change it so, or compute its value outside and pass it in as a parameter"),
  NON_DIFFERENTIABLE_CALL("call", "%s is not @Differentiable, nor in the calling method's top-level class (whose helpers are differentiated as they are); annotate it (it must be static and follow the same rules), give it a pullback with @PullbackOf, or move it into this class"),
  MISSING_TYPE("internal", "the compiler gave no type for '%s'; please report this with the method's source"),
  PRIVATE_CALLEE("private-callee", "%s is not visible to the generated gradient class, which calls it from this package (it is private, protected, or in a class that is not visible here); make it package-private, or public in a public class"),
  RECURSION("recursion", "recursive call of %s is not supported; unroll it or move the recursion to the caller"),
  CALLEE_FAILED("callee-error", "%s cannot be differentiated (see its error), so neither can this call"),
  CALLEE_NOT_GENERATED("callee-missing", "no generated gradient %s found for %s; run the backprop processor on the module that declares it"),
  ACTIVE_ARGUMENT_NOT_IN_WRT("callee-wrt", "argument '%s' of %s depends on a differentiated value, but %s leaves parameter '%s' out of its wrt; add '%s' to its wrt"),
  GRADIENT_CLASS_EXISTS("name-clash", "a type named %s already exists, so the gradient class of %s cannot be generated; rename that type"),
  GRADIENT_CLASS_TWICE("name-clash", "%s and %s would both get the gradient class %s; rename one of them"),
  PRIVATE_FIELD("private-field", "'%s' is private (or in a private class) and not a compile-time constant, so the gradient class cannot read it; make it package-private, or pass the value as a parameter"),
  LOCAL_CLASS_METHOD("local-class", "@Differentiable methods of local and anonymous classes are not seen by annotation processors; move the method to a top-level or member class"),
  LOCAL_CLASS_PULLBACK("pullback", "a @PullbackOf method in a local or anonymous class is out of every call's sight; move it to a top-level or member class"),
  NO_TREE_API("no-tree-api", "backprop needs the javac compiler tree API (com.sun.source), which this compiler does not provide (Eclipse's ECJ does not); build with javac, e.g. delegate the build to Maven or Gradle"),
  INTERNAL_ERROR("internal", "backprop could not differentiate this method (%s); please report this with the method's source");

  private final String tag;
  private final String format;

  Message(String tag, String format) {
    this.tag = tag;
    this.format = format;
  }

  /** The text to report, with {@code args} filled into the format. */
  public String format(Object... args) {
    return "[backprop:" + tag + "] " + String.format(Locale.ROOT, format, args);
  }
}
