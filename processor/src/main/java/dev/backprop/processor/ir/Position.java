package dev.backprop.processor.ir;

/**
 * An opaque handle on a place in the user's source. Only the read stage, which made it, can
 * turn it back into a file and line; the other stages just carry it to report errors.
 *
 * @param id an index into the read stage's table of source trees
 */
public record Position(int id) {}
