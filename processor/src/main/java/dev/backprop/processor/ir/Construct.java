package dev.backprop.processor.ir;

/**
 * Source constructs the read stage recognised but the processor does not differentiate. The
 * check stage turns each into an error that says what to write instead.
 */
public enum Construct {
  LOOP,
  LOOP_FORM,
  ARRAY_WRITE,
  ROW_WRITE,
  SWITCH,
  TRY,
  THROW,
  BREAK_OR_CONTINUE,
  LAMBDA,
  LOCAL_CLASS,
  OBJECT_CREATION,
  ARRAY,
  INCREMENT,
  NESTED_ASSIGNMENT,
  EXPRESSION_STATEMENT,
  EFFECT_ARRAY,
  PRIVATE_EFFECT,
  OTHER_STATEMENT,
  OTHER_EXPRESSION,
  UNSUPPORTED_TYPE,
  FIELD_WRITE,
  MUTABLE_FIELD,
  PRIVATE_FIELD,
  INSTANCE_MEMBER,
  STRING,
  UNKNOWN_MATH_FUNCTION,
  RANDOM_NUMBER,
  NON_DIFFERENTIABLE_CALL,
  HELPER_SHAPE,
  LIBRARY_CALL,
  INSTANCE_CALL,
  CHECKED_CALL,
  VARARGS_CALL,
  PULLBACK_TWICE,
  MISSING_TYPE
}
