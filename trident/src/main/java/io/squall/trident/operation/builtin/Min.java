package io.squall.trident.operation.builtin;

/**
 * Emits the tuple with the least value of a field, a {@code Comparable}: all of its input fields, as Storm's
 * {@code Min} does (for the value alone, project the field first: {@code aggregate(new Fields("v"), new
 * Min("v"), new Fields("v"))}). Tuples whose value is null are skipped; of equal values the last tuple seen is kept.
 */
public class Min extends ComparisonAggregator<Object> {
    private static final long serialVersionUID = 1L;

    /**
     * @param inputFieldName the field compared; its values must be {@code Comparable}
     * @throws IllegalArgumentException if the name is null
     */
    public Min(String inputFieldName) {
        super(requireField(inputFieldName));
    }

    private static String requireField(String inputFieldName) {
        if (inputFieldName == null) {
            throw new IllegalArgumentException("Min needs the name of the field to compare; use MinWithComparator "
                    + "to compare whole tuples");
        }
        return inputFieldName;
    }

    @Override
    protected Object compare(Object value1, Object value2) {
        Comparable<Object> kept = comparable("Min", inputFieldName(), value1);
        return kept.compareTo(comparable("Min", inputFieldName(), value2)) < 0 ? value1 : value2;
    }
}
