package dev.nn4j.tensor;

/**
 * An operation refused its operands: a shape, rank, dtype or backend that does not fit, or a
 * scalar argument out of range. Thrown by {@link Ops} and {@link ImageOps} before any kernel
 * runs, so the outputs are untouched; the one exception is an index value out of range in
 * {@link Ops#gather} or {@link Ops#scatterAdd}, which only the kernel reads and reports (see
 * {@link Primitives#gather}; the array backends check every index before writing). It is an
 * {@link IllegalArgumentException}, so callers that catch that keep working.
 *
 * <p>Every message has one format: the operation, each operand involved with its shape and
 * dtype, then the rule that was broken:
 * <pre>
 * &lt;op&gt;: &lt;operand&gt; is &lt;shape&gt; &lt;DTYPE&gt;, &lt;operand&gt; is &lt;shape&gt; &lt;DTYPE&gt;; &lt;rule&gt;
 * matmul: a is [2x3] FLOAT32, b is [4x1] FLOAT32; a.cols must equal b.rows
 * matmul: a is [2x3] INT32; matmul needs FLOAT32 or FLOAT64
 * </pre>
 * The checks compare ints, enums and identities; a message is built only when a check fails,
 * so a call that passes allocates nothing.
 */
public class OpException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String op;

    /** An exception for operation {@code op} with a message already in the format above. */
    public OpException(String op, String message) {
        super(message);
        this.op = op;
    }

    /** {@code <op>: <name> is <shape> <DTYPE>; <rule>}. */
    public OpException(String op, String name, Tensor t, String rule) {
        this(op, new String[] {name}, new Tensor[] {t}, rule);
    }

    /** {@code <op>: <name1> is <shape> <DTYPE>, <name2> is <shape> <DTYPE>; <rule>}. */
    public OpException(String op, String name1, Tensor t1, String name2, Tensor t2, String rule) {
        this(op, new String[] {name1, name2}, new Tensor[] {t1, t2}, rule);
    }

    /**
     * {@code <op>: } followed by {@code <names[i]> is <shape> <DTYPE>} for every operand, joined
     * by {@code ", "}, then {@code "; " + rule}; {@code names} and {@code operands} have one length.
     */
    public OpException(String op, String[] names, Tensor[] operands, String rule) {
        this(op, format(op, names, operands, rule));
    }

    /** The name of the operation that refused its operands, e.g. {@code matmul}. */
    public String op() {
        return op;
    }

    /** The message format above, for callers that build their own exception. */
    public static String format(String op, String[] names, Tensor[] operands, String rule) {
        if (names.length != operands.length) {
            throw new IllegalArgumentException("OpException.format: " + names.length + " names for "
                    + operands.length + " operands");
        }
        StringBuilder sb = new StringBuilder(op).append(": ");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append(" is ").append(operands[i].shape()).append(' ').append(operands[i].dtype());
        }
        return sb.append("; ").append(rule).toString();
    }
}
