package io.squall.trident.operation.builtin;

/**
 * Emits the tuple with the greatest value of a field, a {@code Comparable}: all of its input fields, as Storm's
 * {@code Max} does (for the value alone, project the field first: {@code aggregate(new Fields("v"), new
 * Max("v"), new Fields("v"))}). Tuples whose value is null are skipped; of equal values the last tuple seen is kept.
 */
public class Max extends ComparisonAggregator<Object> {
    private static final long serialVersionUID = 1L;

    /**
     * @param inputFieldName the field compared; its values must be {@code Comparable}
     * @throws IllegalArgumentException if the name is null
     */
    public Max(String inputFieldName) {
        super(requireField(inputFieldName));
    }

    private static String requireField(String inputFieldName) {
        if (inputFieldName == null) {
            throw new IllegalArgumentException("Max needs the name of the field to compare; use MaxWithComparator "
                    + "to compare whole tuples");
        }
        return inputFieldName;
    }

    @Override
    protected Object compare(Object value1, Object value2) {
        Comparable<Object> kept = comparable("Max", inputFieldName(), value1);
        return kept.compareTo(comparable("Max", inputFieldName(), value2)) > 0 ? value1 : value2;
    }
}
